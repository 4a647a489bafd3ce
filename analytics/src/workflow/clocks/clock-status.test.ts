import { describe, expect, it } from 'vitest';
import {
  clockStatus,
  deadlineOutcome,
  DEFAULT_CLOCK_POLICIES,
  type ActionKind,
  type ClockPolicy,
  type DeadlineState,
  type IncidentClockInput,
  type SeverityClass,
} from './index';

const H = 3_600_000;
const T0 = Date.parse('2026-10-01T08:00:00+08:00');

function incident(patch: Partial<IncidentClockInput> = {}): IncidentClockInput {
  return { id: 'inc-1', severity: 'major', status: 'open', firstMentionAt: T0, detectedAt: T0 + H, openedAt: T0 + 2 * H, actions: [], ...patch };
}

const major = DEFAULT_CLOCK_POLICIES.major;
const act = (kind: ActionKind, atH: number): { kind: ActionKind; at: number } => ({ kind, at: T0 + atH * H });

describe('DEFAULT_CLOCK_POLICIES', () => {
  it.each<[SeverityClass, [string, number][], number]>([
    ['especially_major', [['release', 5], ['press_conference', 24]], 24],
    ['major', [['release', 5], ['press_conference', 24]], 24],
    ['large', [['response', 48]], 48],
    ['general', [['response', 48]], 0],
    ['public_opinion', [['response', 48]], 0],
  ])('%s: deadlines %j, updates every %i h', (severity, deadlines, updateH) => {
    const p = DEFAULT_CLOCK_POLICIES[severity];
    expect(p.severity).toBe(severity);
    expect(p.deadlines.map((d) => [d.key, d.withinMs / H])).toEqual(deadlines);
    expect(p.updateEveryMs).toBe(updateH * H);
    expect(p.startsAt).toBe('first_mention');
    expect(p.warnAt).toBe(0.8);
    for (const d of p.deadlines) expect(d.basis).toMatch(/国办发〔2016〕(61|80)号/);
  });

  it('a reply to one citizen never satisfies a public deadline; only a press conference satisfies the press conference', () => {
    for (const p of Object.values(DEFAULT_CLOCK_POLICIES)) {
      for (const d of p.deadlines) expect(d.satisfiedBy).not.toContain('reply');
    }
    expect(major.deadlines.find((d) => d.key === 'press_conference')?.satisfiedBy).toEqual(['press_conference']);
  });

  it('policies do not share their rule objects', () => {
    expect(DEFAULT_CLOCK_POLICIES.major.deadlines[0]).not.toBe(DEFAULT_CLOCK_POLICIES.especially_major.deadlines[0]);
  });
});

describe('clockStatus: one deadline over time', () => {
  // release: 5 h from T0, warning from 4 h (0.8).
  it.each<[string, number, DeadlineState, number]>([
    ['at the start', 0, 'pending', 5 * H],
    ['1 ms before the warn point', 4 * H - 1, 'pending', H + 1],
    ['at the warn point', 4 * H, 'warning', H],
    ['1 ms before due', 5 * H - 1, 'warning', 1],
    ['at due', 5 * H, 'breached', 0],
    ['2 h late', 7 * H, 'breached', -2 * H],
  ])('%s (+%i ms) → %s', (_name, offset, state, remaining) => {
    const release = clockStatus(incident(), major, T0 + offset).deadlines[0];
    expect(release).toMatchObject({ key: 'release', label: '发布权威信息', startAt: T0, dueAt: T0 + 5 * H, warnAt: T0 + 4 * H, state, remainingMs: remaining });
    expect(release?.lateByMs).toBe(state === 'breached' ? 0 - remaining : undefined);
  });

  it.each<[string, { kind: ActionKind; at: number }[], DeadlineState, number | undefined, number | undefined]>([
    ['statement in time', [act('statement', 3)], 'met', T0 + 3 * H, undefined],
    ['the earliest matching action counts, in any order', [act('update', 9), act('rebuttal', 2), act('statement', 4)], 'met', T0 + 2 * H, undefined],
    ['an action before the clock start counts', [act('statement', -1)], 'met', T0 - H, undefined],
    ['exactly at due is late', [act('statement', 5)], 'met_late', T0 + 5 * H, 0],
    ['after due', [act('press_conference', 6.5)], 'met_late', T0 + 6.5 * H, 1.5 * H],
    ['a reply does not count', [act('reply', 1)], 'breached', undefined, 5 * H],
    ['an action after now has not happened yet', [act('statement', 11)], 'breached', undefined, 5 * H],
  ])('%s', (_name, actions, state, metAt, lateBy) => {
    const release = clockStatus(incident({ actions }), major, T0 + 10 * H).deadlines[0];
    expect(release?.state).toBe(state);
    expect(release?.metAt).toBe(metAt);
    expect(release?.lateByMs).toBe(lateBy);
  });
});

describe('clockStatus: start of the clock', () => {
  const detection: ClockPolicy = { ...major, startsAt: 'detection' };
  it.each<[string, ClockPolicy, Partial<IncidentClockInput>, number, string]>([
    ['first mention', major, {}, T0, 'first_mention'],
    ['detection', detection, {}, T0 + H, 'detection'],
    ['first mention unknown → detection', major, { firstMentionAt: undefined }, T0 + H, 'detection'],
    ['both unknown → opened', major, { firstMentionAt: undefined, detectedAt: undefined }, T0 + 2 * H, 'opened'],
    ['detection unknown → opened, never the first mention', detection, { detectedAt: undefined }, T0 + 2 * H, 'opened'],
  ])('%s', (_name, policy, patch, startAt, basis) => {
    const s = clockStatus(incident(patch), policy, T0 + 3 * H);
    expect(s.startAt).toBe(startAt);
    expect(s.startBasis).toBe(basis);
    expect(s.deadlines[0]?.dueAt).toBe(startAt + 5 * H);
  });
});

describe('clockStatus: closed incidents freeze at closedAt', () => {
  it.each<[string, Partial<IncidentClockInput>, DeadlineState, DeadlineState, string]>([
    ['closed before due without a release', { closedAt: T0 + 4.5 * H }, 'warning', 'pending', 'lapsed'],
    ['closed after due without a release', { closedAt: T0 + 6 * H }, 'breached', 'pending', 'missed'],
    ['a release after closing does not count', { closedAt: T0 + 6 * H, actions: [act('statement', 7)] }, 'breached', 'pending', 'missed'],
    ['released in time, then closed', { closedAt: T0 + 30 * H, actions: [act('statement', 1)] }, 'met', 'breached', 'on_time'],
  ])('%s', (_name, patch, release, pressConference, outcome) => {
    const s = clockStatus(incident({ status: 'closed', ...patch }), major, T0 + 100 * H);
    expect(s.closed).toBe(true);
    expect(s.asOf).toBe(patch.closedAt);
    expect(s.deadlines.map((d) => d.state)).toEqual([release, pressConference]);
    expect(deadlineOutcome(s.deadlines[0]!, true)).toBe(outcome);
    expect(s.next).toBeUndefined();
    expect(s.update).toBeUndefined();
  });

  it('keeps the time that was left when it closed', () => {
    const s = clockStatus(incident({ status: 'closed', closedAt: T0 + 3 * H }), major, T0 + 100 * H);
    expect(s.deadlines[0]).toMatchObject({ state: 'pending', remainingMs: 2 * H });
  });

  it('a closed incident without closedAt is read at now', () => {
    expect(clockStatus(incident({ status: 'closed' }), major, T0 + 6 * H).asOf).toBe(T0 + 6 * H);
  });
});

describe('clockStatus: continuing updates and the next action', () => {
  it('no update clock before the first release', () => {
    const s = clockStatus(incident(), major, T0 + H);
    expect(s.update).toBeUndefined();
    expect(s.next).toEqual({ key: 'release', label: '发布权威信息', dueAt: T0 + 5 * H });
  });

  it.each<[string, { kind: ActionKind; at: number }[], number, number, DeadlineState]>([
    ['runs from the first release', [act('statement', 2)], 3, 26, 'pending'],
    ['warns at 0.8 of the interval', [act('statement', 2)], 2 + 19.2, 26, 'warning'],
    ['breached when no update came', [act('statement', 2)], 27, 26, 'breached'],
    ['restarts with each release or update', [act('statement', 2), act('update', 20)], 27, 44, 'pending'],
    ['a reply does not restart it', [act('statement', 2), act('reply', 20)], 27, 26, 'breached'],
  ])('%s', (_name, actions, nowH, dueH, state) => {
    const s = clockStatus(incident({ actions }), major, T0 + nowH * H);
    expect(s.nextUpdateDueAt).toBe(T0 + dueH * H);
    expect(s.updateState).toBe(state);
    expect(s.update?.key).toBe('update');
  });

  it('next is the earliest unmet deadline, overdue ones first', () => {
    const late = clockStatus(incident(), major, T0 + 6 * H);
    expect(late.next?.key).toBe('release');
    const released = clockStatus(incident({ actions: [act('statement', 1)] }), major, T0 + 6 * H);
    expect(released.next).toEqual({ key: 'press_conference', label: '举行新闻发布会', dueAt: T0 + 24 * H });
    const conferenced = clockStatus(incident({ actions: [act('press_conference', 3)] }), major, T0 + 6 * H);
    expect(conferenced.next).toEqual({ key: 'update', label: '持续发布权威信息', dueAt: T0 + 27 * H });
  });

  it('general incidents have no update clock', () => {
    const s = clockStatus(incident({ severity: 'general', actions: [act('statement', 1)] }), DEFAULT_CLOCK_POLICIES.general, T0 + 100 * H);
    expect(s.update).toBeUndefined();
    expect(s.deadlines[0]?.state).toBe('met');
    expect(s.next).toBeUndefined();
  });
});

describe('deadlineOutcome on open incidents', () => {
  it.each<[number, { kind: ActionKind; at: number }[], string]>([
    [1, [], 'open'],
    [6, [], 'overdue'],
    [6, [act('statement', 1)], 'on_time'],
    [7, [act('statement', 6)], 'late'],
  ])('at %i h with %j → %s', (nowH, actions, outcome) => {
    const s = clockStatus(incident({ actions }), major, T0 + nowH * H);
    expect(deadlineOutcome(s.deadlines[0]!, s.closed)).toBe(outcome);
  });
});

describe('policy validation', () => {
  it.each<[string, ClockPolicy]>([
    ['warnAt above 1', { ...major, warnAt: 1.5 }],
    ['negative update interval', { ...major, updateEveryMs: -1 }],
    ['reserved key', { ...major, deadlines: [{ key: 'update', label: 'x', withinMs: H, satisfiedBy: ['statement'] }] }],
    ['duplicate keys', { ...major, deadlines: [major.deadlines[0]!, major.deadlines[0]!] }],
    ['infinite deadline', { ...major, deadlines: [{ key: 'x', label: 'x', withinMs: Infinity, satisfiedBy: ['statement'] }] }],
  ])('rejects %s', (_name, policy) => {
    expect(() => clockStatus(incident(), policy, T0)).toThrow(RangeError);
  });
});
