import { describe, expect, it } from 'vitest';
import { playbookSchema, type ChecklistItem, type IncidentSeverity, type IncidentType, type PlaybookInput } from '@fenghuo/shared';
import { playbookAdherence } from './adherence';
import { buildChecklist, firstDue, occurrences, type IncidentTiming, type StepRecord } from './checklist';
import { defaultPlaybooks } from './defaults';
import { selectPlaybook } from './select';

const M = 60_000;
const H = 60 * M;
const T0 = Date.parse('2026-10-01T08:00:00+08:00');
const timing = (patch: Partial<IncidentTiming> = {}): IncidentTiming => ({ start_at: T0, deadlines: {}, met: {}, active: true, ...patch });
const major = timing({ deadlines: { release: T0 + 5 * H, press_conference: T0 + 24 * H } });
const lower = timing({ deadlines: { response: T0 + 48 * H } });

const book = playbookSchema.parse({
  id: 't',
  name: 't',
  applies_to: { types: [], severities: [] },
  steps: [
    { id: 'verify', title: '核实', owner: { role: 'responder' }, due: { from: 'start', minutes: 30 } },
    { id: 'release', title: '发布', owner: { role: 'responder' }, due: { from: 'deadline', deadline: 'release', otherwise_minutes: 300 } },
    { id: 'brief', title: '发布前通气', owner: { role: 'responder' }, due: { from: 'deadline', deadline: 'release', minutes: -60, otherwise_minutes: 240 } },
    { id: 'update', title: '更新', owner: { role: 'responder' }, due: { from: 'deadline', deadline: 'release', minutes: 120, otherwise_minutes: 420 }, repeat_every_minutes: 120 },
    { id: 'review', title: '复盘', owner: { role: 'responder' }, due: { from: 'close', minutes: 1440 } },
  ],
} satisfies PlaybookInput);
const step = (id: string) => book.steps.find((s) => s.id === id)!;

describe('firstDue', () => {
  it.each<[string, string, IncidentTiming, number | undefined, string]>([
    ['from the clock start', 'verify', major, T0 + 30 * M, 'start+30m'],
    ['at the release deadline', 'release', major, T0 + 5 * H, 'release'],
    ['an hour before the release deadline', 'brief', major, T0 + 4 * H, 'release-60m'],
    ['a severity without a release deadline: otherwise_minutes', 'release', lower, T0 + 5 * H, 'start+300m'],
    ['a moved deadline (custom clock policy) moves the step', 'release', timing({ deadlines: { release: T0 + 2 * H } }), T0 + 2 * H, 'release'],
    ['after close, while active: not known yet', 'review', major, undefined, 'close+1440m'],
    ['after close, once closed', 'review', timing({ active: false, closed_at: T0 + 10 * H }), T0 + 34 * H, 'close+1440m'],
  ])('%s', (_name, id, t, at, basis) => {
    const due = firstDue(step(id), t);
    expect(due.at).toBe(at);
    expect(due).toMatchObject({ basis, applies: true });
  });

  it('a step at a deadline the clock lacks, with no fallback, does not apply', () => {
    const s = { ...step('release'), due: { from: 'deadline' as const, deadline: 'press_conference' as const, minutes: 0 } };
    expect(firstDue(s, lower).applies).toBe(false);
  });
});

describe('occurrences of a repeating step', () => {
  it.each<[string, IncidentTiming, number, number[]]>([
    ['before the first: only the next', major, T0 + H, [7]],
    ['at the first: it and the next', major, T0 + 7 * H, [7, 9]],
    ['later: all due so far and the next', major, T0 + 12 * H, [7, 9, 11, 13]],
    ['closed: only those due by the close', timing({ active: false, closed_at: T0 + 10 * H }), T0 + 50 * H, [7, 9]],
  ])('%s', (_name, t, now, hours) => {
    expect(occurrences(T0 + 7 * H, 120, t, now)).toEqual(hours.map((h) => T0 + h * H));
  });

  it('stops at 200', () => {
    expect(occurrences(T0, 15, major, T0 + 1000 * H)).toHaveLength(200);
  });
});

describe('buildChecklist', () => {
  const rec = (state: 'done' | 'skipped', atH: number, extra: Partial<StepRecord> = {}): StepRecord => ({ state, by: 'u1', by_name: '值班员', at: T0 + atH * H, ...extra });
  const keyed = (items: ChecklistItem[]) => Object.fromEntries(items.map((i) => [i.key, i]));

  it.each<[string, Record<string, StepRecord>, number, Record<string, string>]>([
    ['all pending at the start', {}, T0, { verify: 'pending', release: 'pending', brief: 'pending', 'update#1': 'pending', review: 'pending' }],
    ['overdue once past due', {}, T0 + H, { verify: 'overdue', release: 'pending' }],
    ['done and skipped stay so', { verify: rec('done', 0.2), brief: rec('skipped', 1, { reason: '无需通气' }) }, T0 + 6 * H, { verify: 'done', brief: 'skipped', release: 'overdue' }],
    ['repeats: each occurrence on its own', { 'update#1': rec('done', 7.5) }, T0 + 9.5 * H, { 'update#1': 'done', 'update#2': 'overdue', 'update#3': 'pending' }],
  ])('%s', (_name, records, now, states) => {
    const items = keyed(buildChecklist(book, major, records, now, 'unit-1'));
    for (const [key, state] of Object.entries(states)) expect(items[key]?.state, key).toBe(state);
  });

  it('done late is marked late; the owner names the incident unit', () => {
    const items = keyed(buildChecklist(book, major, { verify: rec('done', 1) }, T0 + 2 * H, 'unit-1'));
    expect(items.verify?.done).toMatchObject({ by_name: '值班员', late: true });
    expect(items.verify?.owner).toMatchObject({ role: 'responder', unit_id: 'unit-1' });
  });

  it('a published release meets the step at the release deadline', () => {
    const items = keyed(buildChecklist(book, { ...major, met: { release: T0 + 3 * H } }, {}, T0 + 6 * H));
    expect(items.release).toMatchObject({ state: 'done', done: { by: 'system', at: T0 + 3 * H, late: false } });
    expect(items.brief?.state).toBe('overdue');
  });
});

describe('the shipped playbooks on incidents', () => {
  it.each<[IncidentType | undefined, IncidentSeverity, string, number, number, IncidentTiming]>([
    [undefined, 'public_opinion', 'generic', 5, 24, lower],
    ['other', 'major', 'major-emergency', 5, 24, major],
    ['online_rumor', 'general', 'online-rumor', 5, 24, lower],
    ['safety_accident', 'especially_major', 'safety-accident', 5, 24, major],
    ['natural_disaster', 'large', 'natural-disaster', 5, 24, lower],
  ])('%s / %s → %s with release at %i h and press conference at %i h', (type, severity, id, releaseH, pressH, t) => {
    const p = selectPlaybook(defaultPlaybooks(), { ...(type ? { type } : {}), severity })!;
    expect(p.id).toBe(id);
    const items = buildChecklist(p, t, {}, T0);
    expect(items.find((i) => i.step_id === 'release')?.due_at).toBe(T0 + releaseH * H);
    expect(items.find((i) => i.step_id === 'press_conference')?.due_at).toBe(T0 + pressH * H);
    expect(items.find((i) => i.step_id === 'verify')?.due_at).toBe(T0 + 30 * M);
    expect(items.find((i) => i.step_id === 'update')?.key).toBe('update#1');
  });
});

describe('playbookAdherence', () => {
  it('counts steps due in the period per unit: in time, late, skipped, overdue; not yet due left out', () => {
    const items = buildChecklist(book, major, { verify: { state: 'done', by: 'u', by_name: 'u', at: T0 + 10 * M }, release: { state: 'done', by: 'u', by_name: 'u', at: T0 + 6 * H }, brief: { state: 'skipped', by: 'u', by_name: 'u', at: T0, reason: 'x' } }, T0 + 7.5 * H);
    const rows = playbookAdherence([{ unit_id: 'a', items }, { unit_id: 'b', items: [] }], T0, T0 + 24 * H, T0 + 7.5 * H, new Map([['a', '甲']]));
    expect(rows).toEqual([{ unit_id: 'a', unit_name: '甲', due: 4, on_time: 1, late: 1, skipped: 1, overdue: 1, rate: 0.25 }]);
  });
});
