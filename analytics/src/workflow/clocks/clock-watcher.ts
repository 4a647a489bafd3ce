import { clockStatus, type DeadlineStatus, type IncidentClockInput } from './clock-status';
import { UPDATE_KEY, type ClockPolicy } from './policies';

export interface ClockNotice {
  incidentId: string;
  /** A policy deadline's key, or "update" for the continuing-update clock. */
  deadlineKey: string;
  kind: 'warning' | 'breach';
  dueAt: number;
  label: string;
}

export interface ClockWatcherPorts {
  now(): number;
  listActive(): Promise<{ incident: IncidentClockInput; policy: ClockPolicy }[]>;
  /** Has this notice already been sent (survives restarts: backed by the store)? Keys come from noticeKey. */
  wasSent(key: string): Promise<boolean>;
  /** Marks the notice sent (under noticeKey(notice)) when it resolves. */
  send(notice: ClockNotice): Promise<void>;
  onError?(e: unknown): void;
}

export interface ClockWatcher {
  /**
   * One pass; resolves with the notices sent in it. Never rejects: failures go
   * to onError and are retried next pass. Called while a pass is running, it
   * returns that pass instead of starting another.
   */
  tick(): Promise<ClockNotice[]>;
  /** Ticks now (to catch up after a restart), then every intervalMs. Calling it again while started does nothing. */
  start(): void;
  /** Stops ticking; resolves once a pass in flight has finished (the store may close after that). */
  stop(): Promise<void>;
}

export const DEFAULT_WATCH_INTERVAL_MS = 15_000;
/** Keys this process has seen sent; saves a store round trip per overdue deadline per tick, bounded for long uptimes. */
const REMEMBERED_KEYS = 10_000;

/**
 * The store key of a notice. One per (incident, deadline, kind); the
 * continuing-update clock restarts with every release, so its key also holds
 * the cycle's due time, and each cycle warns and breaches once.
 */
export function noticeKey(n: Pick<ClockNotice, 'incidentId' | 'deadlineKey' | 'kind' | 'dueAt'>): string {
  const deadline = n.deadlineKey === UPDATE_KEY ? `${UPDATE_KEY}@${n.dueAt}` : encodeURIComponent(n.deadlineKey);
  return `clock/${encodeURIComponent(n.incidentId)}/${deadline}/${n.kind}`;
}

function noticeFor(incidentId: string, d: DeadlineStatus): ClockNotice | undefined {
  // A breached deadline only ever yields the breach: if both points passed while
  // we were down, the warning would arrive after the fact and say less.
  if (d.state === 'breached') return { incidentId, deadlineKey: d.key, kind: 'breach', dueAt: d.dueAt, label: d.label };
  if (d.state === 'warning') return { incidentId, deadlineKey: d.key, kind: 'warning', dueAt: d.dueAt, label: d.label };
  return undefined; // pending, or met (on time or late): nothing to chase.
}

/** The notices an incident calls for at `now`, before de-duplication. Closed incidents call for none. */
export function noticesDue(incident: IncidentClockInput, policy: ClockPolicy, now: number): ClockNotice[] {
  if (incident.status === 'closed') return [];
  const status = clockStatus(incident, policy, now);
  const all = status.update ? [...status.deadlines, status.update] : status.deadlines;
  return all.map((d) => noticeFor(incident.id, d)).filter((n): n is ClockNotice => n !== undefined);
}

export function createClockWatcher(ports: ClockWatcherPorts, opts: { intervalMs?: number } = {}): ClockWatcher {
  const intervalMs = opts.intervalMs ?? DEFAULT_WATCH_INTERVAL_MS;
  const report = (e: unknown): void => {
    if (ports.onError) ports.onError(e);
    else console.error('clock watcher:', e);
  };
  const known = new Set<string>();
  const remember = (key: string): void => {
    known.add(key);
    if (known.size > REMEMBERED_KEYS) {
      const oldest = known.values().next();
      if (!oldest.done) known.delete(oldest.value);
    }
  };

  async function pass(): Promise<ClockNotice[]> {
    const sent: ClockNotice[] = [];
    try {
      const now = ports.now();
      const active = await ports.listActive();
      for (const { incident, policy } of active) {
        let due: ClockNotice[];
        try {
          due = noticesDue(incident, policy, now);
        } catch (e) {
          // One bad incident or policy must not silence the clocks of the others.
          report(e);
          continue;
        }
        for (const notice of due) {
          const key = noticeKey(notice);
          if (known.has(key)) continue;
          try {
            if (!(await ports.wasSent(key))) {
              await ports.send(notice);
              sent.push(notice);
            }
            remember(key);
          } catch (e) {
            report(e); // not remembered, so the next pass tries again
          }
        }
      }
    } catch (e) {
      report(e);
    }
    return sent;
  }

  let inFlight: Promise<ClockNotice[]> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  // Passes never overlap: a pass that outlasts the interval would otherwise
  // send the same notice twice before the store recorded it.
  function tick(): Promise<ClockNotice[]> {
    inFlight ??= pass().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return {
    tick,
    start() {
      if (timer !== undefined) return;
      timer = setInterval(() => void tick(), intervalMs);
      void tick();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await inFlight;
    },
  };
}
