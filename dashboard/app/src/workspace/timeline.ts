import { spreadsheetSafe } from '@fenghuo/shared/csv';
import type { Incident } from '@fenghuo/shared/workflow';
import type { TimelineMarker, VolumePoint } from '../charts/IncidentTimeline/accessors';
import type { Lang } from '../i18n';
import { ACTION_LABELS, DEADLINE_STATE_LABELS } from './labels';

export { ACTION_LABELS, DEADLINE_STATE_LABELS, SEVERITY_LABELS_EN, STATUS_LABELS } from './labels';

const pick = (pair: [string, string], lang: Lang) => pair[lang === 'zh' ? 0 : 1];

/** The incident's moments for the chart: first mention, detection, opening, acknowledgement, each action, closing. */
export function incidentMarkers(incident: Incident, lang: Lang): TimelineMarker[] {
  const zh = lang === 'zh';
  const out: TimelineMarker[] = [];
  if (incident.first_mention_at !== undefined) out.push({ at: incident.first_mention_at, kind: 'first_mention', label: zh ? '首条' : 'First mention' });
  if (incident.detected_at !== undefined) out.push({ at: incident.detected_at, kind: 'detection', label: zh ? '发现' : 'Detected' });
  out.push({ at: incident.opened_at, kind: 'opened', label: zh ? '立案' : 'Opened' });
  for (const a of incident.actions) out.push({ at: a.at, kind: 'action', action: a.kind, label: pick(ACTION_LABELS[a.kind] ?? [a.kind, a.kind], lang) });
  if (incident.closed_at !== undefined) out.push({ at: incident.closed_at, kind: 'closed', label: zh ? '结束' : 'Closed' });
  return out.sort((a, b) => a.at - b.at);
}

/** The linked events' volume; an event merged into another linked one is already in that one's series, so it counts once. */
export function linkedVolume(events: readonly { id: string; merged_into?: string; series: VolumePoint[] }[]): VolumePoint[] {
  const listed = new Set(events.map((e) => e.id));
  return events.filter((e) => !e.merged_into || !listed.has(e.merged_into)).flatMap((e) => e.series);
}

/** One row of the exported timeline. */
export interface TimelineRow {
  at: number;
  kind: string;
  label: string;
  detail: string;
}

/**
 * Everything that happened to the incident on one list, in time order: the
 * volume per minute (all platforms summed, with the split in the detail),
 * the moments, every response action with its source and link, and each
 * deadline with its state.
 */
export function timelineRows(incident: Incident, volume: readonly VolumePoint[], lang: Lang): TimelineRow[] {
  const zh = lang === 'zh';
  const rows: TimelineRow[] = [];
  const minutes = new Map<number, Map<string, number>>();
  for (const p of volume) {
    let m = minutes.get(p.t);
    if (!m) minutes.set(p.t, (m = new Map()));
    m.set(p.platform, (m.get(p.platform) ?? 0) + p.count);
  }
  for (const [t, m] of minutes) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    const split = [...m.entries()].sort((a, b) => b[1] - a[1]).map(([p, c]) => `${p}:${c}`).join(' ');
    rows.push({ at: t, kind: 'volume', label: zh ? `声量 ${total} 条/分` : `${total} mentions/min`, detail: split });
  }
  for (const m of incidentMarkers(incident, lang)) {
    if (m.kind === 'action') continue;
    rows.push({ at: m.at, kind: m.kind, label: m.label, detail: m.kind === 'opened' ? incident.title : '' });
  }
  if (incident.acknowledged_at !== undefined) rows.push({ at: incident.acknowledged_at, kind: 'acknowledged', label: zh ? '已确认' : 'Acknowledged', detail: '' });
  for (const a of incident.actions) {
    const detail = [a.note, a.link, zh ? `来源：${a.source}` : `source: ${a.source}`].filter(Boolean).join(' | ');
    rows.push({ at: a.at, kind: `action:${a.kind}`, label: pick(ACTION_LABELS[a.kind] ?? [a.kind, a.kind], lang), detail });
  }
  for (const d of incident.clock?.deadlines ?? []) {
    const state = pick(DEADLINE_STATE_LABELS[d.state] ?? [d.state, d.state], lang);
    rows.push({ at: d.due_at, kind: `deadline:${d.state}`, label: d.label, detail: [state, d.basis, d.met_at !== undefined ? (zh ? `完成于 ${new Date(d.met_at).toISOString()}` : `met at ${new Date(d.met_at).toISOString()}`) : ''].filter(Boolean).join(' | ') });
  }
  const order = (k: string) => (k === 'volume' ? 1 : 0);
  return rows.sort((a, b) => a.at - b.at || order(a.kind) - order(b.kind));
}

function csvCell(v: string): string {
  // A leading = + - @ (or tab, CR) would run as a formula in a spreadsheet: the text is the public's and the users'.
  const safe = spreadsheetSafe(v);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV for Excel: UTF-8 with a BOM, CRLF, ISO times (UTC, unambiguous) and the local time beside them. */
export function timelineCsv(rows: readonly TimelineRow[], localTime: (ms: number) => string): string {
  const lines = [['time', 'local_time', 'kind', 'label', 'detail'].join(',')];
  for (const r of rows) lines.push([new Date(r.at).toISOString(), localTime(r.at), r.kind, r.label, r.detail].map(csvCell).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** Saves a text as a file through a temporary link (no server round trip). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
