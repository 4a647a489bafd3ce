import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createClockWatcher,
  DEFAULT_CLOCK_POLICIES,
  noticeKey,
  type ActionKind,
  type ClockNotice,
  type ClockPolicy,
  type ClockWatcherPorts,
  type IncidentClockInput,
} from './index';

const S = 1000;
const H = 3_600_000;
const T0 = Date.parse('2026-10-01T08:00:00+08:00');

interface Tracked {
  incident: IncidentClockInput;
  policy: ClockPolicy;
}

function majorIncident(id = 'inc-1', actions: { kind: ActionKind; at: number }[] = []): Tracked {
  return {
    incident: { id, severity: 'major', status: 'open', firstMentionAt: T0, detectedAt: T0 + H, openedAt: T0 + H, actions },
    policy: DEFAULT_CLOCK_POLICIES.major,
  };
}

/** In-memory ports; `store` plays the table that survives restarts. */
function harness(tracked: Tracked[], store = new Set<string>()) {
  const sent: ClockNotice[] = [];
  const errors: unknown[] = [];
  const ports: ClockWatcherPorts = {
    now: () => Date.now(),
    // Closed incidents are listed on purpose: the watcher must ignore them itself.
    listActive: async () => tracked,
    wasSent: async (key) => store.has(key),
    send: async (n) => {
      sent.push(n);
      store.add(noticeKey(n));
    },
    onError: (e) => errors.push(e),
  };
  return { ports, sent, errors, store };
}

const brief = (notices: ClockNotice[]): string[] => notices.map((n) => `${n.deadlineKey}:${n.kind}`);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('notices around each deadline', () => {
  // Major incident from T0. Update clock: statement at 1 h, so updates are due at 25 h, warned at 1 h + 19.2 h.
  it.each<[string, ActionKind[], number, number]>([
    ['release', [], 4 * H, 5 * H],
    ['press_conference', [], 19.2 * H, 24 * H],
    ['update', ['statement'], 1 * H + 19.2 * H, 25 * H],
  ])('%s', async (key, kinds, warnAt, dueAt) => {
    const h = harness([majorIncident('inc-1', kinds.map((kind) => ({ kind, at: T0 + H })))]);
    const watcher = createClockWatcher(h.ports);
    const steps: [number, string[]][] = [
      [warnAt - 1, []],
      [warnAt, [`${key}:warning`]],
      [dueAt - 1, []],
      [dueAt, [`${key}:breach`]],
      [dueAt + H, []],
    ];
    for (const [at, expected] of steps) {
      vi.setSystemTime(T0 + at);
      const notices = (await watcher.tick()).filter((n) => n.deadlineKey === key);
      expect(brief(notices), `at T0 + ${at} ms`).toEqual(expected);
    }
    const mine = h.sent.filter((n) => n.deadlineKey === key);
    expect(mine.map((n) => n.dueAt)).toEqual([T0 + dueAt, T0 + dueAt]);
  });
});

describe('exactly once', () => {
  it('repeated ticks in the same state send nothing new', async () => {
    const h = harness([majorIncident()]);
    const watcher = createClockWatcher(h.ports);
    vi.setSystemTime(T0 + 4 * H);
    expect(brief(await watcher.tick())).toEqual(['release:warning']);
    expect(await watcher.tick()).toEqual([]);
    vi.setSystemTime(T0 + 6 * H);
    expect(brief(await watcher.tick())).toEqual(['release:breach']);
    expect(await watcher.tick()).toEqual([]);
    expect(brief(h.sent)).toEqual(['release:warning', 'release:breach']);
  });

  it('driven by the interval, each notice goes out once and within one interval of the crossing', async () => {
    const h = harness([majorIncident()]);
    const watcher = createClockWatcher(h.ports, { intervalMs: 15 * S });
    watcher.start();
    await vi.advanceTimersByTimeAsync(4 * H + 15 * S);
    expect(brief(h.sent)).toEqual(['release:warning']);
    await vi.advanceTimersByTimeAsync(H); // now 5 h + 15 s
    expect(brief(h.sent)).toEqual(['release:warning', 'release:breach']);
    await vi.advanceTimersByTimeAsync(20 * H); // past the press conference's warn point and due time
    watcher.stop();
    expect(brief(h.sent)).toEqual(['release:warning', 'release:breach', 'press_conference:warning', 'press_conference:breach']);
  });

  it('ticks that overlap share one pass, so a slow send is not repeated', async () => {
    const h = harness([majorIncident()]);
    const slowSend = h.ports.send;
    h.ports.send = async (n) => {
      await new Promise((resolve) => setTimeout(resolve, 30 * S));
      await slowSend(n);
    };
    const watcher = createClockWatcher(h.ports, { intervalMs: 15 * S });
    vi.setSystemTime(T0 + 4 * H);
    watcher.start();
    await vi.advanceTimersByTimeAsync(60 * S);
    watcher.stop();
    expect(brief(h.sent)).toEqual(['release:warning']);
  });
});

describe('restart', () => {
  it('a new watcher over the same store does not repeat notices, and sends the ones still owed', async () => {
    const tracked = [majorIncident()];
    const first = harness(tracked);
    const before = createClockWatcher(first.ports);
    before.start();
    await vi.advanceTimersByTimeAsync(4 * H + 15 * S);
    before.stop();
    expect(brief(first.sent)).toEqual(['release:warning']);

    // Down for two minutes, then back with the same store.
    vi.setSystemTime(T0 + 4 * H + 2 * 60 * S);
    const second = harness(tracked, first.store);
    const after = createClockWatcher(second.ports);
    after.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(second.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(H);
    after.stop();
    expect(brief(second.sent)).toEqual(['release:breach']);
  });

  it('after downtime across both points, only the breach is sent, and the warning never follows', async () => {
    const h = harness([majorIncident()]);
    const watcher = createClockWatcher(h.ports);
    vi.setSystemTime(T0 + 6 * H);
    expect(brief(await watcher.tick())).toEqual(['release:breach']);
    vi.setSystemTime(T0 + 7 * H);
    expect(await watcher.tick()).toEqual([]);
    expect(brief(h.sent)).toEqual(['release:breach']);
  });
});

describe('what is never sent', () => {
  it('a deadline met in time never warns or breaches', async () => {
    const h = harness([majorIncident('inc-1', [{ kind: 'statement', at: T0 + H }])]);
    const watcher = createClockWatcher(h.ports, { intervalMs: 15 * S });
    watcher.start();
    await vi.advanceTimersByTimeAsync(6 * H);
    watcher.stop();
    expect(h.sent.filter((n) => n.deadlineKey === 'release')).toEqual([]);
  });

  it('a deadline met late after its warning sends no breach', async () => {
    const tracked = majorIncident();
    const h = harness([tracked]);
    const watcher = createClockWatcher(h.ports);
    vi.setSystemTime(T0 + 4.5 * H);
    await watcher.tick();
    tracked.incident.actions.push({ kind: 'statement', at: T0 + 4.9 * H });
    vi.setSystemTime(T0 + 6 * H);
    await watcher.tick();
    expect(brief(h.sent)).toEqual(['release:warning']);
  });

  it('a closed incident stops', async () => {
    const tracked = majorIncident();
    const h = harness([tracked]);
    const watcher = createClockWatcher(h.ports, { intervalMs: 15 * S });
    watcher.start();
    await vi.advanceTimersByTimeAsync(4 * H + 15 * S);
    expect(brief(h.sent)).toEqual(['release:warning']);
    tracked.incident.status = 'closed';
    tracked.incident.closedAt = Date.now();
    await vi.advanceTimersByTimeAsync(30 * H);
    watcher.stop();
    expect(brief(h.sent)).toEqual(['release:warning']);
  });

  it('stop() stops the ticking', async () => {
    const h = harness([majorIncident()]);
    const watcher = createClockWatcher(h.ports, { intervalMs: 15 * S });
    watcher.start();
    watcher.stop();
    await vi.advanceTimersByTimeAsync(6 * H);
    expect(h.sent).toEqual([]);
  });

  it('stop() resolves only after the pass in flight has finished (the store closes after it)', async () => {
    vi.setSystemTime(T0 + 4 * H + 15 * S);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const h = harness([majorIncident()]);
    const listActive = h.ports.listActive;
    h.ports.listActive = async () => {
      await gate;
      return listActive();
    };
    const watcher = createClockWatcher(h.ports, { intervalMs: 15 * S });
    watcher.start();
    let stopped = false;
    const stopping = watcher.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(brief(h.sent)).toEqual(['release:warning']);
  });
});

describe('continuing updates', () => {
  it('each update cycle warns and breaches once', async () => {
    const tracked = majorIncident('inc-1', [{ kind: 'press_conference', at: T0 + H }]);
    const h = harness([tracked]);
    const watcher = createClockWatcher(h.ports);
    const updates = (): string[] => h.sent.filter((n) => n.deadlineKey === 'update').map((n) => `${n.kind}@${(n.dueAt - T0) / H}h`);

    vi.setSystemTime(T0 + 21 * H);
    await watcher.tick(); // cycle 1 (due 25 h) is in warning
    tracked.incident.actions.push({ kind: 'update', at: T0 + 22 * H }); // cycle 2: due 46 h, warned from 41.2 h
    for (const at of [23, 41, 42, 45, 46, 50]) {
      vi.setSystemTime(T0 + at * H);
      await watcher.tick();
    }
    expect(updates()).toEqual(['warning@25h', 'warning@46h', 'breach@46h']);
  });
});

describe('failures', () => {
  it('a failed send is reported and retried on the next tick', async () => {
    const h = harness([majorIncident()]);
    const send = h.ports.send;
    let failures = 1;
    h.ports.send = async (n) => {
      if (failures-- > 0) throw new Error('webhook down');
      await send(n);
    };
    const watcher = createClockWatcher(h.ports);
    vi.setSystemTime(T0 + 4 * H);
    expect(await watcher.tick()).toEqual([]);
    expect(h.errors).toHaveLength(1);
    expect(brief(await watcher.tick())).toEqual(['release:warning']);
  });

  it('a failing store is reported and the tick resolves', async () => {
    const h = harness([]);
    h.ports.listActive = async () => {
      throw new Error('store unavailable');
    };
    await expect(createClockWatcher(h.ports).tick()).resolves.toEqual([]);
    expect(h.errors).toHaveLength(1);
  });

  it('a bad policy on one incident does not silence the others', async () => {
    const broken = majorIncident('broken');
    broken.policy = { ...broken.policy, warnAt: 2 };
    const h = harness([broken, majorIncident('fine')]);
    vi.setSystemTime(T0 + 4 * H);
    const notices = await createClockWatcher(h.ports).tick();
    expect(notices.map((n) => n.incidentId)).toEqual(['fine']);
    expect(h.errors).toHaveLength(1);
  });
});

describe('noticeKey', () => {
  it('one key per incident, deadline and kind; update keys also carry the cycle', () => {
    const base: ClockNotice = { incidentId: 'a/1', deadlineKey: 'release', kind: 'warning', dueAt: 1, label: '' };
    expect(noticeKey(base)).toBe('clock/a%2F1/release/warning');
    expect(noticeKey({ ...base, dueAt: 2 })).toBe(noticeKey(base));
    expect(noticeKey({ ...base, kind: 'breach' })).not.toBe(noticeKey(base));
    expect(noticeKey({ ...base, deadlineKey: 'update', dueAt: 7 })).toBe('clock/a%2F1/update@7/warning');
  });
});
