import { describe, expect, it } from 'vitest';
import { startBriefScheduler } from './brief-scheduler';

const TZ = 'Asia/Shanghai';
/** Local Shanghai time on a November 2026 day as epoch ms. */
const local = (day: number, hh: number, mi = 0) => Date.UTC(2026, 10, day, hh - 8, mi);

/** A fake clock with timers that fire when the test moves time on. */
function fakeTime(start: number) {
  let t = start;
  let timers: { at: number; fn: () => void; live: boolean }[] = [];
  return {
    now: () => t,
    setTimer(fn: () => void, ms: number) {
      const timer = { at: t + ms, fn, live: true };
      timers.push(timer);
      return { clear: () => void (timer.live = false) };
    },
    async advanceTo(target: number) {
      for (;;) {
        const next = timers.filter((x) => x.live && x.at <= target).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        t = next.at;
        next.live = false;
        timers = timers.filter((x) => x.live);
        next.fn();
        await Promise.resolve();
      }
      t = target;
    },
  };
}

describe('the daily brief schedule', () => {
  it('runs every day at the local time for the day before', async () => {
    const clock = fakeTime(local(26, 6, 0));
    const runs: string[] = [];
    const s = startBriefScheduler({ at: '07:30', timezone: TZ, now: clock.now, setTimer: clock.setTimer, exists: () => true, generate: async (d) => void runs.push(d) });
    expect(s.nextRunAt()).toBe(local(26, 7, 30));
    await clock.advanceTo(local(26, 7, 29));
    expect(runs).toEqual([]);
    await clock.advanceTo(local(26, 7, 31));
    expect(runs).toEqual(['2026-11-25']);
    expect(s.nextRunAt()).toBe(local(27, 7, 30));
    await clock.advanceTo(local(28, 9, 0));
    expect(runs).toEqual(['2026-11-25', '2026-11-26', '2026-11-27']);
    await s.stop();
  });

  it('catches up a run missed today when yesterday’s brief is not stored, and not when it is', async () => {
    const runs: string[] = [];
    const clock = fakeTime(local(26, 9, 0));
    const a = startBriefScheduler({ at: '07:30', timezone: TZ, now: clock.now, setTimer: clock.setTimer, exists: () => false, generate: async (d) => void runs.push(d) });
    await a.stop();
    expect(runs).toEqual(['2026-11-25']);
    const b = startBriefScheduler({ at: '07:30', timezone: TZ, now: clock.now, setTimer: clock.setTimer, exists: (d) => d === '2026-11-25', generate: async (d) => void runs.push(d) });
    await b.stop();
    // Before today's time nothing is missed yet.
    const early = fakeTime(local(26, 7, 0));
    const c = startBriefScheduler({ at: '07:30', timezone: TZ, now: early.now, setTimer: early.setTimer, exists: () => false, generate: async (d) => void runs.push(d) });
    await c.stop();
    expect(runs).toEqual(['2026-11-25']);
  });

  it('a failed run is reported and the next day still runs; stop waits for a run in flight', async () => {
    const clock = fakeTime(local(26, 7, 0));
    const errors: string[] = [];
    let release!: () => void;
    const runs: string[] = [];
    const s = startBriefScheduler({
      at: '07:30', timezone: TZ, now: clock.now, setTimer: clock.setTimer, exists: () => true,
      generate: async (d) => {
        runs.push(d);
        if (d === '2026-11-25') throw new Error('no chromium');
        await new Promise<void>((r) => (release = r));
      },
      onError: (e, d) => errors.push(`${d}: ${(e as Error).message}`),
      attempts: 1,
    });
    await clock.advanceTo(local(27, 7, 31));
    await Promise.resolve();
    expect(errors).toEqual(['2026-11-25: no chromium']);
    expect(runs).toEqual(['2026-11-25', '2026-11-26']);
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(stopped).toBe(true);
  });

  it('tries a failed run again after a while, up to the number of attempts; stop cuts a wait short', async () => {
    const clock = fakeTime(local(26, 7, 0));
    const tries: number[] = [];
    const errors: number[] = [];
    let failures = 1;
    const s = startBriefScheduler({
      at: '07:30', timezone: TZ, now: clock.now, setTimer: clock.setTimer, exists: () => true, attempts: 3, retryMs: 5 * 60_000,
      generate: async () => {
        tries.push(clock.now());
        if (failures-- > 0) throw new Error('chromium crashed');
      },
      onError: (_e, _d, attempt) => errors.push(attempt),
    });
    await clock.advanceTo(local(26, 7, 31));
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toEqual([1]);
    await clock.advanceTo(local(26, 7, 36));
    await new Promise((r) => setTimeout(r, 0));
    expect(tries).toEqual([local(26, 7, 30), local(26, 7, 35)]);
    // Every attempt fails: three tries, then it gives up until tomorrow.
    failures = 10;
    tries.length = 0;
    errors.length = 0;
    for (const m of [31, 36, 41, 46]) {
      await clock.advanceTo(local(27, 7, m));
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(errors).toEqual([1, 2, 3]);
    expect(tries).toHaveLength(3);
    // A retry pending when the process stops does not hold the stop up.
    failures = 10;
    await clock.advanceTo(local(28, 7, 31));
    await new Promise((r) => setTimeout(r, 0));
    await s.stop();
    expect(errors).toEqual([1, 2, 3, 1]);
  });
});
