import {
  RELEASE_KINDS,
  UPDATE_KEY,
  UPDATE_LABEL,
  UPDATE_LABEL_EN,
  type ActionKind,
  type ClockPolicy,
  type DeadlineRule,
  type SeverityClass,
} from './policies';

export interface IncidentClockInput {
  id: string;
  severity: SeverityClass;
  status: 'open' | 'responding' | 'monitoring' | 'closed';
  firstMentionAt?: number;
  detectedAt?: number;
  openedAt: number;
  closedAt?: number;
  /** Published response actions, in any order. */
  actions: { kind: ActionKind; at: number }[];
}

export type DeadlineState = 'pending' | 'warning' | 'breached' | 'met' | 'met_late';

export interface DeadlineStatus {
  key: string;
  label: string;
  labelEn?: string;
  basis?: string;
  startAt: number;
  dueAt: number;
  warnAt: number;
  state: DeadlineState;
  metAt?: number;
  /** dueAt − (metAt when met, else asOf): negative when overdue or met late. */
  remainingMs: number;
  /** Set for met_late (metAt − dueAt) and breached (asOf − dueAt). */
  lateByMs?: number;
}

export type StartBasis = 'first_mention' | 'detection' | 'opened';

export interface ClockStatus {
  startAt: number;
  startBasis: StartBasis;
  /** The instant the clock was read at: `now`, or closedAt for a closed incident (its clock is frozen). */
  asOf: number;
  closed: boolean;
  deadlines: DeadlineStatus[];
  /** The rolling continuing-update deadline (key "update"), once something was released; never on a closed incident. */
  update?: DeadlineStatus;
  nextUpdateDueAt?: number;
  updateState?: DeadlineState;
  /** The next required action: the unmet deadline (or update) due first, overdue ones included. None when closed. */
  next?: { key: string; label: string; dueAt: number };
}

/**
 * Which instant the clock runs from. When the chosen one is unknown we fall
 * back to the next-earliest signal we have (first mention → detection →
 * opening), so a missing field never makes the deadlines later than needed.
 */
export function clockStart(incident: IncidentClockInput, policy: ClockPolicy): { at: number; basis: StartBasis } {
  const candidates: [StartBasis, number | undefined][] =
    policy.startsAt === 'first_mention'
      ? [
          ['first_mention', incident.firstMentionAt],
          ['detection', incident.detectedAt],
        ]
      : [['detection', incident.detectedAt]];
  for (const [basis, at] of candidates) {
    if (at !== undefined && Number.isFinite(at)) return { at, basis };
  }
  if (!Number.isFinite(incident.openedAt)) throw new RangeError(`incident ${incident.id}: openedAt is not a time`);
  return { at: incident.openedAt, basis: 'opened' };
}

/** Policies are configuration: a wrong one is a programming error, so it throws instead of producing odd clocks. */
export function validatePolicy(policy: ClockPolicy): void {
  if (!(policy.warnAt >= 0 && policy.warnAt <= 1)) throw new RangeError(`warnAt must be within [0, 1], got ${policy.warnAt}`);
  if (!(policy.updateEveryMs >= 0)) throw new RangeError(`updateEveryMs must be ≥ 0, got ${policy.updateEveryMs}`);
  const keys = new Set<string>();
  for (const d of policy.deadlines) {
    if (d.key === UPDATE_KEY) throw new RangeError(`deadline key "${UPDATE_KEY}" is reserved for continuing updates`);
    if (keys.has(d.key)) throw new RangeError(`deadline key "${d.key}" is used twice`);
    keys.add(d.key);
    if (!(d.withinMs >= 0) || !Number.isFinite(d.withinMs)) throw new RangeError(`deadline ${d.key}: withinMs must be a finite number ≥ 0`);
  }
}

type DeadlineHead = Pick<DeadlineStatus, 'key' | 'label' | 'labelEn' | 'basis'>;

function head(rule: Pick<DeadlineRule, 'key' | 'label' | 'labelEn' | 'basis'>): DeadlineHead {
  const h: DeadlineHead = { key: rule.key, label: rule.label };
  if (rule.labelEn !== undefined) h.labelEn = rule.labelEn;
  if (rule.basis !== undefined) h.basis = rule.basis;
  return h;
}

/**
 * One deadline read at `asOf`. The due instant is the first late instant:
 * an action at exactly dueAt is met_late, and the clock is breached from dueAt
 * on, so the state never goes back from breached to met.
 */
function evaluate(h: DeadlineHead, startAt: number, withinMs: number, warnShare: number, metAt: number | undefined, asOf: number): DeadlineStatus {
  const dueAt = startAt + withinMs;
  const warnAt = startAt + Math.floor(withinMs * warnShare);
  const base = { ...h, startAt, dueAt, warnAt };
  if (metAt !== undefined) {
    if (metAt < dueAt) return { ...base, state: 'met', metAt, remainingMs: dueAt - metAt };
    return { ...base, state: 'met_late', metAt, remainingMs: dueAt - metAt, lateByMs: metAt - dueAt };
  }
  if (asOf >= dueAt) return { ...base, state: 'breached', remainingMs: dueAt - asOf, lateByMs: asOf - dueAt };
  return { ...base, state: asOf >= warnAt ? 'warning' : 'pending', remainingMs: dueAt - asOf };
}

function earliest(actions: IncidentClockInput['actions'], kinds: readonly ActionKind[], asOf: number): number | undefined {
  let best: number | undefined;
  for (const a of actions) {
    if (kinds.includes(a.kind) && a.at <= asOf && (best === undefined || a.at < best)) best = a.at;
  }
  return best;
}

function latest(actions: IncidentClockInput['actions'], kinds: readonly ActionKind[], asOf: number): number | undefined {
  let best: number | undefined;
  for (const a of actions) {
    if (kinds.includes(a.kind) && a.at <= asOf && (best === undefined || a.at > best)) best = a.at;
  }
  return best;
}

const isOpen = (s: DeadlineState): boolean => s === 'pending' || s === 'warning' || s === 'breached';

/**
 * The statutory clocks of one incident as of `now`.
 *
 * - An action counts from the moment it happened, even before the clock start:
 *   releasing before the story spread is what the rules ask for.
 * - Actions after `asOf` (future or after closing) are ignored, so the result
 *   depends only on what had happened by then.
 * - A closed incident is read at closedAt (or now if closedAt is missing):
 *   deadlines already due then are breached; ones not yet due stay
 *   pending/warning with the time that was left, and `closed` is true. For
 *   statistics see deadlineOutcome: those count as lapsed, neither kept nor missed.
 */
export function clockStatus(incident: IncidentClockInput, policy: ClockPolicy, now: number): ClockStatus {
  validatePolicy(policy);
  const start = clockStart(incident, policy);
  const closed = incident.status === 'closed';
  const asOf = closed && incident.closedAt !== undefined && Number.isFinite(incident.closedAt) ? Math.min(now, incident.closedAt) : now;
  const actions = incident.actions.filter((a) => Number.isFinite(a.at));

  const deadlines = policy.deadlines.map((rule) =>
    evaluate(head(rule), start.at, rule.withinMs, policy.warnAt, earliest(actions, rule.satisfiedBy, asOf), asOf),
  );

  const status: ClockStatus = { startAt: start.at, startBasis: start.basis, asOf, closed, deadlines };

  if (!closed && policy.updateEveryMs > 0) {
    const lastRelease = latest(actions, RELEASE_KINDS, asOf);
    if (lastRelease !== undefined) {
      // Rolling: each release restarts it, so it is never "met", only pending/warning/breached for the current cycle.
      const update = evaluate(
        head({ key: UPDATE_KEY, label: UPDATE_LABEL, labelEn: UPDATE_LABEL_EN, basis: '国办发〔2016〕61号、80号' }),
        lastRelease,
        policy.updateEveryMs,
        policy.warnAt,
        undefined,
        asOf,
      );
      status.update = update;
      status.nextUpdateDueAt = update.dueAt;
      status.updateState = update.state;
    }
  }

  if (!closed) {
    const open = [...deadlines, ...(status.update ? [status.update] : [])].filter((d) => isOpen(d.state));
    const first = open.reduce<DeadlineStatus | undefined>((a, d) => (a === undefined || d.dueAt < a.dueAt ? d : a), undefined);
    if (first) status.next = { key: first.key, label: first.label, dueAt: first.dueAt };
  }
  return status;
}

/**
 * What a deadline counts as in statistics:
 * on_time (met), late (met_late), missed (breached on a closed incident),
 * overdue (breached, still open: may yet become late), open (not yet due),
 * lapsed (the incident was closed before the deadline fell due and nothing
 * was released: no obligation matured, so it is left out of on-time rates).
 */
export type DeadlineOutcome = 'on_time' | 'late' | 'missed' | 'overdue' | 'open' | 'lapsed';

export function deadlineOutcome(d: DeadlineStatus, closed: boolean): DeadlineOutcome {
  switch (d.state) {
    case 'met':
      return 'on_time';
    case 'met_late':
      return 'late';
    case 'breached':
      return closed ? 'missed' : 'overdue';
    case 'pending':
    case 'warning':
      return closed ? 'lapsed' : 'open';
  }
}
