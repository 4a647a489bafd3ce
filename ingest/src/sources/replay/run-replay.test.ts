import { describe, expect, it } from 'vitest';
import type { SubmitItem, SubmitResult } from '../../service/ingest-service';
import { eventTimeOf, runReplay } from './run-replay';

const T0 = Date.parse('2026-11-26T08:00:00+08:00');
const item = (position: number, minute: number | string): SubmitItem => {
  const value = { id: `r${position}`, platform: 'weibo', text: '回放', time: typeof minute === 'number' ? new Date(T0 + minute * 60_000).toISOString() : minute };
  return { position, value, raw: JSON.stringify(value) };
};

async function* from(items: SubmitItem[]) {
  yield* items;
}

/** Records what was sent when, on a fake clock. */
function recorder() {
  let clock = 1_000_000;
  const sent: { at: number; ids: string[] }[] = [];
  return {
    sent,
    now: () => clock,
    wait: async (ms: number) => {
      clock += ms;
    },
    submitter: {
      async submit(items: SubmitItem[]): Promise<SubmitResult> {
        sent.push({ at: clock, ids: items.map((i) => (i.value as { id: string }).id) });
        return { accepted: items.length, rejected: [], duplicates: 0, repeated: 0 };
      },
    },
  };
}

describe('replay', () => {
  const items = [item(0, 30), item(1, 0), item(2, 10), item(3, 'not a time'), item(4, 10), item(5, 60)];

  it('sends in event-time order (unreadable times first), as fast as possible with max', async () => {
    const r = recorder();
    const summary = await runReplay(from(items), r.submitter, { speed: 'max', now: r.now, wait: r.wait });
    expect(r.sent.flatMap((s) => s.ids)).toEqual(['r3', 'r1', 'r2', 'r4', 'r0', 'r5']);
    expect(summary).toMatchObject({ read: 6, accepted: 6, spanMs: 60 * 60_000 });
    expect(r.sent.every((s) => s.at === r.sent[0]!.at)).toBe(true);
  });

  it('compresses event time by the speed factor: an hour at 60× takes a minute', async () => {
    const r = recorder();
    const start = r.now();
    await runReplay(from(items), r.submitter, { speed: 60, now: r.now, wait: r.wait });
    const at = (id: string) => r.sent.find((s) => s.ids.includes(id))!.at - start;
    expect(at('r1')).toBe(0);
    expect(at('r2')).toBe(10_000);
    expect(at('r4')).toBe(10_000);
    expect(at('r0')).toBe(30_000);
    expect(at('r5')).toBe(60_000);
  });

  it('the same input gives the same sequence at any speed', async () => {
    const a = recorder();
    const b = recorder();
    await runReplay(from(items), a.submitter, { speed: 3600, now: a.now, wait: a.wait });
    await runReplay(from(items), b.submitter, { speed: 'max', now: b.now, wait: b.wait });
    expect(a.sent.flatMap((s) => s.ids)).toEqual(b.sent.flatMap((s) => s.ids));
  });

  it('reads event times like validation does', () => {
    expect(eventTimeOf(item(0, 0))).toBe(T0);
    expect(eventTimeOf({ position: 0, raw: 'x', error: 'bad' })).toBe(-Infinity);
  });
});
