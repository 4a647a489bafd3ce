import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { loadConfig } from '@fenghuo/shared';
import { startDemo } from '../demo';
import { startRuntime, type Runtime } from '../runtime';
import { CHROMIUM_FLAGS, findChromium } from '../web/chromium';
import { SESSION_COOKIE } from '../auth/auth-middleware';
import { ensureAppBuilt } from '../web/app-build';

export interface WallBenchOptions {
  /** Minutes the wall stays open on the live demo stream. */
  minutes: number;
  /** Demo background mentions per second at the evening peak. */
  rate: number;
  seed: number;
  /** Page loads timed for the first render. */
  loads?: number;
  log?: (line: string) => void;
}

export interface WallBenchSample {
  minute: number;
  js_heap_mb: number;
  dom_nodes: number;
  js_listeners: number;
}

export interface WallBenchResult {
  minutes: number;
  rate: number;
  /** Navigation → every panel drawn with data, per load (ms). */
  first_render_ms: number[];
  /** Server computed a wall snapshot → it is on screen (ms), over every update of the run. */
  update_ms: { count: number; p50: number; p95: number; max: number };
  /** Animation frames slower than 50 ms (three frames missed at 60 Hz) and the slowest frame. */
  slow_frames: number;
  frames: number;
  slowest_frame_ms: number;
  /** Long tasks (> 50 ms) the page ran. */
  long_tasks: number;
  /** Live events the analytics held at the end (what the snapshots are computed from). */
  live_events: number;
  /** After a forced collection, sampled through the run. */
  memory: WallBenchSample[];
  /** Growth of the collected heap, fitted over the run after its first minute (MB per hour). */
  heap_growth_mb_per_h: number;
  listeners_first: number;
  listeners_last: number;
}

/**
 * `fenghuo bench wall`: the wall display in headless Chromium on the live
 * demo stream. Times the first render, the delay from a server snapshot to
 * the screen, counts slow frames and long tasks, and samples the page's heap,
 * DOM nodes and event listeners (after forced garbage collection) to show
 * whether an hour of live updates leaks.
 */
export async function runWallBench(options: WallBenchOptions): Promise<WallBenchResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const executablePath = findChromium();
  if (!executablePath) throw new Error('bench wall needs Chromium (apt-get install chromium, or FENGHUO_CHROMIUM)');
  await ensureAppBuilt(log);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-bench-wall-'));
  const password = `Bench-${randomBytes(9).toString('base64url')}-9a`;
  const config = loadConfig({ FENGHUO_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', FENGHUO_ADMIN_PASSWORD: password });
  let runtime: Runtime | undefined;
  let browser: Browser | undefined;
  try {
    runtime = await startRuntime(config, { roles: { api: true, worker: true, analytics: true }, holder: 'fenghuo bench wall', web: 'static' });
    const demo = await startDemo(runtime, { seed: options.seed, rate: options.rate });
    const url = runtime.url!;
    const login = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    const cookie = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(login.headers.get('set-cookie') ?? '')?.[1];
    if (!cookie) throw new Error(`could not sign in: ${login.status}`);
    browser = await chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'], headless: true });
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await context.addCookies([{ name: SESSION_COOKIE, value: cookie, url }]);
    const page = await context.newPage();

    // Wait for data to flow so the first render has something to draw.
    await page.goto(`${url}/wall`);
    await page.waitForSelector('[data-testid="wall-event"]', { timeout: 120_000 });
    const first_render_ms: number[] = [];
    for (let i = 0; i < (options.loads ?? 5); i++) {
      await page.reload();
      first_render_ms.push(Math.round(await page.evaluate<number>(FIRST_RENDER_JS)));
    }
    log(`bench wall: first render ${first_render_ms.join(', ')} ms`);

    await page.evaluate(INSTRUMENT_JS);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const memory: WallBenchSample[] = [await sample(cdp, page, 0)];
    const started = Date.now();
    const end = started + options.minutes * 60_000;
    while (Date.now() < end) {
      await new Promise((r) => setTimeout(r, Math.min(30_000, Math.max(0, end - Date.now()))));
      const s = await sample(cdp, page, (Date.now() - started) / 60_000);
      memory.push(s);
      log(`bench wall: ${s.minute.toFixed(1)} min, heap ${s.js_heap_mb} MB, nodes ${s.dom_nodes}, listeners ${s.js_listeners}`);
    }
    const stats = await page.evaluate<{ updates: number[]; frames: number; slowFrames: number; slowestFrame: number; longTasks: number }>('window.__bench');
    const updates = [...stats.updates].sort((a, b) => a - b);
    const q = (p: number) => (updates.length ? updates[Math.min(updates.length - 1, Math.ceil(p * updates.length) - 1)]! : NaN);
    const live = runtime.analytics?.engine.counts().live_events ?? 0;
    await demo.stop();
    return {
      minutes: options.minutes,
      rate: options.rate,
      first_render_ms,
      update_ms: { count: updates.length, p50: q(0.5), p95: q(0.95), max: updates.at(-1) ?? NaN },
      frames: stats.frames,
      slow_frames: stats.slowFrames,
      slowest_frame_ms: Math.round(stats.slowestFrame),
      long_tasks: stats.longTasks,
      live_events: live,
      memory,
      heap_growth_mb_per_h: slope(memory.filter((m) => m.minute >= 1)),
      listeners_first: memory[0]!.js_listeners,
      listeners_last: memory.at(-1)!.js_listeners,
    };
  } finally {
    await browser?.close();
    await runtime?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// Browser code as text: it runs in the page, and this file is compiled without the DOM's types.

/** In the page, after a reload: milliseconds from navigation to every panel drawn with data. */
const FIRST_RENDER_JS = `new Promise((resolve) => {
  const ready = () => document.querySelector('[data-testid="wall-event"]') && document.querySelector('[data-testid="pipeline"]') && document.querySelector('.tile');
  const check = () => (ready() ? resolve(performance.now()) : requestAnimationFrame(check));
  check();
})`;

/** In the page: when each snapshot reaches the screen (next frame after the DOM changed), every frame's length, long tasks. */
const INSTRUMENT_JS = `(() => {
  // Frames as running totals, not a list: an hour of frames in an array would be the heap growth this bench looks for.
  const bench = { updates: [], frames: 0, slowFrames: 0, slowestFrame: 0, longTasks: 0, paused: false };
  window.__bench = bench;
  const wall = document.querySelector('[data-testid="wall"]');
  new MutationObserver(() => {
    const at = Number(wall.getAttribute('data-wall-at'));
    if (at) requestAnimationFrame(() => bench.updates.push(Date.now() - at));
  }).observe(wall, { attributes: true, attributeFilter: ['data-wall-at'] });
  let last = performance.now();
  const frame = (t) => {
    if (!bench.paused) {
      const d = t - last;
      bench.frames++;
      if (d > 50) bench.slowFrames++;
      if (d > bench.slowestFrame) bench.slowestFrame = d;
    }
    last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  new PerformanceObserver((list) => { bench.longTasks += list.getEntries().length; }).observe({ type: 'longtask' });
})()`;

async function sample(cdp: CDPSession, page: Page, minute: number): Promise<WallBenchSample> {
  // A forced collection stalls the page: its frames are the bench's doing, not the wall's.
  await page.evaluate('window.__bench && (window.__bench.paused = true)');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await page.waitForTimeout(500);
  await page.evaluate('window.__bench && (window.__bench.paused = false)');
  const m = (name: string) => metrics.find((x) => x.name === name)?.value ?? NaN;
  return { minute: Math.round(minute * 10) / 10, js_heap_mb: Math.round((m('JSHeapUsedSize') / 1048576) * 10) / 10, dom_nodes: m('Nodes'), js_listeners: m('JSEventListeners') };
}

/** Least-squares slope of heap over time, MB per hour. */
function slope(samples: readonly WallBenchSample[]): number {
  if (samples.length < 2) return 0;
  const n = samples.length;
  const mx = samples.reduce((s, x) => s + x.minute, 0) / n;
  const my = samples.reduce((s, x) => s + x.js_heap_mb, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.minute - mx) * (s.js_heap_mb - my);
    den += (s.minute - mx) ** 2;
  }
  return den ? Math.round((num / den) * 60 * 10) / 10 : 0;
}
