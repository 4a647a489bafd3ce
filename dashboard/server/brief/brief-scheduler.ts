import { addDays, localDate, localDay, nextLocalTime } from './local-day';

export interface BriefSchedulerOptions {
  /** HH:MM local (FENGHUO_BRIEF_AT). */
  at: string;
  timezone: string;
  /** Makes, stores and sends the brief of one date. */
  generate: (date: string) => Promise<void>;
  /** Whether a date's brief is already stored (a missed run is caught up at start). */
  exists: (date: string) => boolean;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => { clear(): void };
  /** Every failed attempt, with its number (1-based). */
  onError?: (error: unknown, date: string, attempt: number) => void;
  /** Attempts per date (a Chromium hiccup, a store restart) and the wait between them. */
  attempts?: number;
  retryMs?: number;
}

export interface BriefScheduler {
  /** When the next run is due (epoch ms). */
  nextRunAt(): number | undefined;
  /** Runs the brief of a date now (the timer calls it with the day before; tests and catch-up too). */
  runFor(date: string): Promise<void>;
  stop(): Promise<void>;
}

/** Timers longer than this are chained: Node caps a timeout at about 24.8 days, and a clock jump is noticed sooner. */
const MAX_WAIT_MS = 3_600_000;

/**
 * Every day at `at` local time, the brief of the day before. When the
 * process starts after today's time and yesterday's brief is not stored
 * (it was down at that moment), it is made at once. A failed run is tried
 * again after `retryMs`, up to `attempts` times.
 */
export function startBriefScheduler(options: BriefSchedulerOptions): BriefScheduler {
  const now = options.now ?? Date.now;
  const setTimer =
    options.setTimer ??
    ((fn, ms) => {
      const t = setTimeout(fn, ms);
      t.unref?.();
      return { clear: () => clearTimeout(t) };
    });
  let timer: { clear(): void } | undefined;
  let due: number | undefined;
  let stopped = false;
  const inflight = new Set<Promise<void>>();
  const attempts = Math.max(1, options.attempts ?? 3);
  const retryMs = options.retryMs ?? 5 * 60_000;
  /** Pending waits before a retry: stop cuts them short. */
  const waits = new Set<() => void>();

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        waits.delete(done);
        t.clear();
        resolve();
      };
      const t = setTimer(done, ms);
      waits.add(done);
    });

  const attemptAll = async (date: string) => {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await options.generate(date);
        return;
      } catch (error) {
        options.onError?.(error, date, attempt);
      }
      if (attempt < attempts) await pause(retryMs);
      if (stopped) return;
    }
  };

  const runFor = (date: string): Promise<void> => {
    const p = attemptAll(date).finally(() => inflight.delete(p));
    inflight.add(p);
    return p;
  };

  const arm = () => {
    if (stopped) return;
    const t = now();
    due = nextLocalTime(options.at, t, options.timezone);
    timer = setTimer(tick, Math.min(MAX_WAIT_MS, Math.max(0, due - t)));
  };
  function tick() {
    if (stopped) return;
    const t = now();
    if (due !== undefined && t >= due) {
      void runFor(addDays(localDate(due, options.timezone), -1));
      // The next run is tomorrow's: look from just after this one.
      due = nextLocalTime(options.at, due + 60_000, options.timezone);
      timer = setTimer(tick, Math.min(MAX_WAIT_MS, Math.max(0, due - t)));
      return;
    }
    arm();
  }

  // Catch up a run missed today.
  const t0 = now();
  const today = localDate(t0, options.timezone);
  const todaysRun = nextLocalTime(options.at, localDay(today, options.timezone).from, options.timezone);
  const yesterday = addDays(today, -1);
  if (t0 > todaysRun && !options.exists(yesterday)) void runFor(yesterday);
  arm();

  return {
    nextRunAt: () => due,
    runFor,
    async stop() {
      stopped = true;
      timer?.clear();
      for (const done of [...waits]) done();
      await Promise.allSettled([...inflight]);
    },
  };
}
