import { parseEventTime } from '@fenghuo/shared';
import type { SubmitItem } from '../../service/ingest-service';
import type { ImportSummary } from '../import/run-import';
import { sleep, type Submitter } from '../import/submitters';

export interface ReplayOptions {
  /** Event-time seconds per wall-clock second; 'max' sends as fast as the pipeline takes them. */
  speed: number | 'max';
  /** Records per request at most. */
  chunkSize?: number;
  onProgress?: (p: { sent: number; total: number; eventTime: number; behindMs: number }) => void;
  now?: () => number;
  wait?: (ms: number) => Promise<void>;
}

export interface ReplaySummary extends ImportSummary {
  /** Event-time span replayed, ms. */
  spanMs: number;
  /** How far behind the schedule the replay fell at most, ms. */
  maxBehindMs: number;
}

/** Event time of a record, for ordering; records without a readable time go first. */
export function eventTimeOf(item: SubmitItem): number {
  if (item.error !== undefined || typeof item.value !== 'object' || item.value === null) return -Infinity;
  const t = parseEventTime((item.value as { time?: unknown }).time);
  return typeof t === 'number' ? t : -Infinity;
}

/**
 * Sends records in event-time order, with the gaps between them compressed by
 * `speed`: a recorded hour at --speed 60 takes a minute. Event times are sent
 * unchanged, so what the analytics see does not depend on the speed.
 */
export async function runReplay(records: AsyncIterable<SubmitItem>, submitter: Submitter, options: ReplayOptions): Promise<ReplaySummary> {
  const now = options.now ?? Date.now;
  const wait = options.wait ?? sleep;
  const chunkSize = options.chunkSize ?? 5000;
  const items: { item: SubmitItem; t: number; seq: number }[] = [];
  let seq = 0;
  for await (const item of records) items.push({ item, t: eventTimeOf(item), seq: seq++ });
  items.sort((a, b) => a.t - b.t || a.seq - b.seq);

  const started = now();
  const totals = { read: items.length, accepted: 0, rejected: 0, duplicates: 0 };
  const timed = items.filter((x) => Number.isFinite(x.t));
  const t0 = timed[0]?.t ?? 0;
  const spanMs = timed.length ? timed[timed.length - 1]!.t - t0 : 0;
  let maxBehindMs = 0;

  const send = async (batch: SubmitItem[]) => {
    const r = await submitter.submit(batch);
    totals.accepted += r.accepted;
    totals.rejected += r.rejected.length;
    totals.duplicates += r.duplicates;
  };

  let i = 0;
  while (i < items.length) {
    const batch: SubmitItem[] = [];
    if (options.speed === 'max') {
      while (i < items.length && batch.length < chunkSize) batch.push(items[i++]!.item);
    } else {
      const speed = options.speed;
      const dueAt = (t: number) => (Number.isFinite(t) ? started + (t - t0) / speed : started);
      const firstDue = dueAt(items[i]!.t);
      const ahead = firstDue - now();
      if (ahead > 0) await wait(ahead);
      const behind = now() - firstDue;
      if (behind > maxBehindMs) maxBehindMs = behind;
      // Everything due within the next 50 ms goes in this request.
      const horizon = now() + 50;
      while (i < items.length && batch.length < chunkSize && dueAt(items[i]!.t) <= horizon) batch.push(items[i++]!.item);
      if (batch.length === 0) batch.push(items[i++]!.item);
    }
    await send(batch);
    const last = items[i - 1]!;
    options.onProgress?.({ sent: i, total: items.length, eventTime: last.t, behindMs: Math.max(0, maxBehindMs) });
  }
  return { ...totals, seconds: (now() - started) / 1000, spanMs, maxBehindMs: Math.round(maxBehindMs) };
}
