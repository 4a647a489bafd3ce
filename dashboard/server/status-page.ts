import { createHash } from 'node:crypto';

const SCRIPT = `
  async function tick() {
    try {
      const s = await (await fetch('/api/v1/stats')).json();
      document.getElementById('mentions').textContent = s.mentions.toLocaleString('zh-CN');
      document.getElementById('rejected').textContent = s.rejected.toLocaleString('zh-CN');
      document.getElementById('lag').textContent = s.lag_ms + ' ms';
      document.getElementById('updated').textContent = '更新于 ' + new Date().toLocaleTimeString('zh-CN');
    } catch (e) {
      document.getElementById('updated').textContent = '连接中断，重试中… reconnecting';
    }
  }
  tick(); setInterval(tick, 2000);
`;

/** The status page's CSP: its one inline script by hash, so no other inline script runs. */
export const STATUS_PAGE_CSP = `default-src 'none'; script-src 'sha256-${createHash('sha256').update(SCRIPT).digest('base64')}'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** A plain page at / until the dashboard lands: live counts from /api/v1/stats. */
export function statusPage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>烽火 Fenghuo</title>
<style>
  body { font-family: system-ui, "WenQuanYi Micro Hei", sans-serif; background: #101418; color: #e8e8e8; margin: 3rem; }
  h1 { font-weight: 600; } .n { font-size: 3rem; font-variant-numeric: tabular-nums; }
  .grid { display: grid; grid-template-columns: repeat(3, minmax(12rem, 1fr)); gap: 2rem; max-width: 60rem; }
  .muted { color: #9aa4ad; } a { color: #7cc4ff; }
</style>
</head>
<body>
<h1>烽火 Fenghuo</h1>
<p class="muted">舆情监测与回应 · public-opinion monitoring and response</p>
<div class="grid">
  <div><div class="muted">已入库 mentions</div><div class="n" id="mentions">–</div></div>
  <div><div class="muted">已拒收 rejected</div><div class="n" id="rejected">–</div></div>
  <div><div class="muted">入库延迟 p95 lag</div><div class="n" id="lag">–</div></div>
</div>
<p class="muted" id="updated"></p>
<p><a href="/api/v1/stats">/api/v1/stats</a> · <a href="/healthz">/healthz</a> · <a href="/metrics">/metrics</a></p>
<script>${SCRIPT}</script>
</body>
</html>`;
}
