import { describe, expect, it } from 'vitest';
import { DEFAULT_DUTY_SETTINGS, DEFAULT_SHIFT_TIMES, rosterInputSchema, type DutyNow, type Roster } from '@fenghuo/shared';
import { signAckToken, verifyAckToken } from './ack-token';
import { acknowledge, advance, cancel, planTargets, startChain, waitsFor } from './escalation';
import { dutyAt, shiftCalendarProblem } from './roster';
import { mergeShifts, parseShiftsCsv, shiftsToCsv } from './roster-csv';

const TZ = 'Asia/Shanghai';
const at = (local: string) => Date.parse(`${local}+08:00`);
const MIN = 60_000;

const roster: Roster = {
  ...rosterInputSchema.parse({
    people: [
      { id: 'zhang', name: '张伟', channel: { kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x' } },
      { id: 'li', name: '李娜', phone: '13800000000' },
      { id: 'wang', name: '王强' },
      { id: 'zhao', name: '赵敏' },
      { id: 'lead', name: '刘局长' },
    ],
    leader: 'lead',
    shifts: [
      { date: '2026-11-26', kind: 'day', on_duty: 'wang', backup: 'zhao' },
      { date: '2026-11-26', kind: 'night', on_duty: 'zhang', backup: 'li' },
      { date: '2026-11-27', kind: 'day', on_duty: 'li' },
      { date: '2026-11-28', kind: 'holiday', on_duty: 'zhao', backup: 'wang' },
      { date: '2026-09-30', kind: 'night', on_duty: 'li' },
      { date: '2026-10-01', kind: 'holiday', on_duty: 'wang' },
      { date: '2026-09-20', kind: 'day', on_duty: 'zhang' },
      { date: '2027-10-01', kind: 'day', on_duty: 'zhao' },
    ],
  }),
  unit_id: 'u1',
  updated_at: 0,
  version: 1,
};

describe('who is on duty (roster resolution)', () => {
  const cases: { name: string; at: string; date?: string; kind?: string; on?: string; backup?: string; calendar?: boolean; note?: RegExp }[] = [
    { name: 'working-day day shift', at: '2026-11-26T10:00:00', date: '2026-11-26', kind: 'day', on: '王强', backup: '赵敏' },
    { name: 'day shift ends at 17:30, night begins', at: '2026-11-26T17:30:00', date: '2026-11-26', kind: 'night', on: '张伟', backup: '李娜' },
    { name: 'night shift after midnight belongs to the day before', at: '2026-11-27T03:00:00', date: '2026-11-26', kind: 'night', on: '张伟', backup: '李娜' },
    { name: 'night shift ends at 08:30', at: '2026-11-27T08:30:00', date: '2026-11-27', kind: 'day', on: '李娜' },
    { name: 'Saturday is a rest day: holiday shift', at: '2026-11-28T12:00:00', date: '2026-11-28', kind: 'holiday', on: '赵敏', backup: '王强' },
    { name: 'National Day (Thursday) runs the holiday shift', at: '2026-10-01T12:00:00', date: '2026-10-01', kind: 'holiday', on: '王强' },
    { name: 'the eve of National Day: the night shift runs to 08:30 on the holiday', at: '2026-10-01T07:00:00', date: '2026-09-30', kind: 'night', on: '李娜' },
    { name: '调休 make-up Sunday runs day shifts', at: '2026-09-20T09:00:00', date: '2026-09-20', kind: 'day', on: '张伟' },
    { name: 'a slot with no shift says so', at: '2026-11-27T20:00:00', date: '2026-11-27', kind: 'night', note: /no night shift on 2026-11-27/ },
    { name: 'a year beyond the calendar falls back to Monday–Friday and says so', at: '2027-10-01T10:00:00', date: '2027-10-01', kind: 'day', on: '赵敏', calendar: false },
  ];
  it.each(cases)('$name', (c) => {
    const d = dutyAt(roster, 'u1', at(c.at), TZ);
    expect(d.date).toBe(c.date);
    expect(d.kind).toBe(c.kind);
    expect(d.on_duty?.name).toBe(c.on);
    expect(d.backup?.name).toBe(c.backup);
    expect(d.leader?.name).toBe('刘局长');
    expect(d.calendar_known).toBe(c.calendar ?? true);
    if (c.note) expect(d.note).toMatch(c.note);
  });

  it('a unit without a roster names nobody', () => {
    expect(dutyAt(undefined, 'u2', at('2026-11-26T10:00:00'), TZ)).toMatchObject({ unit_id: 'u2', note: 'no roster' });
  });

  it('shows no webhook URL in the view every role sees', () => {
    const d = dutyAt(roster, 'u1', at('2026-11-27T03:00:00'), TZ);
    expect(d.on_duty).toEqual({ id: 'zhang', name: '张伟', channel_kind: 'wecom' });
  });

  it.each([
    { date: '2026-10-01', kind: 'day' as const, problem: /rest day/ },
    { date: '2026-09-20', kind: 'holiday' as const, problem: /working day/ },
    { date: '2026-11-26', kind: 'night' as const, problem: undefined },
    { date: '2027-10-02', kind: 'day' as const, problem: undefined },
  ])('calendar check of a $kind shift on $date', ({ date, kind, problem }) => {
    const p = shiftCalendarProblem({ date, kind });
    if (problem) expect(p).toMatch(problem);
    else expect(p).toBeUndefined();
  });

  it('uses the roster’s own shift times', () => {
    const early = { ...roster, shift_times: { ...DEFAULT_SHIFT_TIMES, day: { start: '08:00', end: '18:00' }, night: { start: '18:00', end: '08:00' } } };
    expect(dutyAt(early, 'u1', at('2026-11-26T17:45:00'), TZ).kind).toBe('day');
    expect(dutyAt(roster, 'u1', at('2026-11-26T17:45:00'), TZ).kind).toBe('night');
  });
});

describe('roster CSV', () => {
  it('reads shifts by id or name and Chinese kinds, and writes them back', () => {
    const r = parseShiftsCsv('date,kind,on_duty,backup\n2026-12-01,白班,张伟,li\n2026-12-01,night,zhang,\n', roster.people);
    expect(r.errors).toEqual([]);
    expect(r.shifts).toEqual([{ date: '2026-12-01', kind: 'day', on_duty: 'zhang', backup: 'li' }, { date: '2026-12-01', kind: 'night', on_duty: 'zhang' }]);
    expect(parseShiftsCsv(shiftsToCsv(r.shifts), roster.people).shifts).toEqual(r.shifts);
  });

  it.each([
    { csv: 'date,kind,person\n', error: /unknown column\(s\): person/ },
    { csv: 'date,kind\n', error: /missing column\(s\): on_duty/ },
    { csv: 'date,kind,on_duty\n2026-12-01,早班,zhang\n', error: /line 2|kind "早班"/ },
    { csv: 'date,kind,on_duty\n2026-12-01,day,nobody\n', error: /"nobody" is not a person/ },
    { csv: 'date,kind,on_duty\n2026-13-01,day,zhang\n', error: /date: expected a date/ },
    { csv: 'date,kind,on_duty\n2026-10-01,day,zhang\n', error: /rest day/ },
    { csv: 'date,kind,on_duty\n2026-12-01,day,zhang\n2026-12-01,day,li\n', error: /already on line 2/ },
  ])('refuses $csv with the line', ({ csv, error }) => {
    const r = parseShiftsCsv(csv, roster.people);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors.map((e) => `line ${e.line}: ${e.message}`).join('\n')).toMatch(error);
  });

  it('imported shifts replace those of the same day and kind', () => {
    const merged = mergeShifts(roster.shifts, [{ date: '2026-11-26', kind: 'night', on_duty: 'wang' }]);
    expect(merged.filter((s) => s.date === '2026-11-26')).toEqual([roster.shifts[0], { date: '2026-11-26', kind: 'night', on_duty: 'wang' }]);
    expect(merged).toHaveLength(roster.shifts.length);
  });
});

describe('escalation state machine', () => {
  const subject = { kind: 'alert' as const, id: 'a1', unit_id: 'u1', severity: 'high' as const, title: '某地化工厂冒烟', link: '/alerts/a1' };
  const own = dutyAt(roster, 'u1', at('2026-11-27T03:00:00'), TZ);
  const higher: DutyNow = { unit_id: 'top', at: 0, calendar_known: true, on_duty: { id: 'chen', name: '陈值班', channel_kind: 'email' } };
  const targets = planTargets(own, higher);
  const waits = waitsFor(targets, DEFAULT_DUTY_SETTINGS.steps.high); // high: 10, 10, 15, give up 30
  const t0 = at('2026-11-27T03:00:00');

  it('plans the duty officer, the backup, the leader and the unit above, each once', () => {
    expect(targets.map((t) => `${t.role}:${t.person.name}`)).toEqual(['on_duty:张伟', 'backup:李娜', 'leader:刘局长', 'higher_unit:陈值班']);
    expect(waits).toEqual([10, 10, 15, 30]);
    expect(planTargets({ ...own, backup: own.on_duty }, undefined).map((t) => t.role)).toEqual(['on_duty', 'leader']);
  });

  const steps: { after: number; paged: string[]; status: string }[] = [
    { after: 0, paged: ['张伟'], status: 'active' },
    { after: 9, paged: [], status: 'active' },
    { after: 10, paged: ['李娜'], status: 'active' },
    { after: 20, paged: ['刘局长'], status: 'active' },
    { after: 34, paged: [], status: 'active' },
    { after: 35, paged: ['陈值班'], status: 'active' },
    { after: 64, paged: [], status: 'active' },
    { after: 65, paged: [], status: 'exhausted' },
    { after: 500, paged: [], status: 'exhausted' },
  ];
  it('without acknowledgement pages each step when its minutes are up, then gives up', () => {
    let e = startChain(subject, targets, waits, t0);
    for (const s of steps) {
      const r = advance(e, t0 + s.after * MIN);
      expect({ after: s.after, paged: r.pages.map((p) => p.target.person.name), status: r.escalation.status }).toEqual(s);
      e = r.escalation;
    }
    expect(e.log.map((l) => l.action)).toEqual(['started', 'paged', 'paged', 'paged', 'paged', 'exhausted']);
  });

  it('a late tick takes every missed step at its planned time', () => {
    const r = advance(startChain(subject, targets, waits, t0), t0 + 25 * MIN);
    expect(r.pages.map((p) => [p.target.person.name, (p.due_at - t0) / MIN])).toEqual([['张伟', 0], ['李娜', 10], ['刘局长', 20]]);
  });

  it('acknowledgement stops the chain; a second one changes nothing', () => {
    const paged = advance(startChain(subject, targets, waits, t0), t0 + 10 * MIN).escalation;
    const ok = acknowledge(paged, '李娜', 'link', t0 + 12 * MIN);
    expect(ok.ok).toBe(true);
    expect(ok.escalation).toMatchObject({ status: 'acknowledged', acknowledged: { by: '李娜', via: 'link', step: 1 } });
    expect(advance(ok.escalation, t0 + 100 * MIN).pages).toEqual([]);
    expect(acknowledge(ok.escalation, '张伟', 'app', t0 + 13 * MIN)).toMatchObject({ ok: false, reason: 'already_acknowledged' });
    expect(acknowledge(cancel(paged, 'resolved', t0), 'x', 'app', t0)).toMatchObject({ ok: false, reason: 'ended' });
  });

  it('with nobody on the roster the chain ends at once', () => {
    const e = startChain(subject, [], [], t0);
    expect(e.status).toBe('exhausted');
    expect(advance(e, t0 + MIN).pages).toEqual([]);
  });
});

describe('acknowledgement links', () => {
  const secret = 'test-secret';
  const token = signAckToken({ e: 'alert:a1', s: 1, x: 2_000 }, secret);
  it.each([
    { name: 'valid before expiry', token, now: 1_000, expected: { ok: true, claims: { e: 'alert:a1', s: 1, x: 2_000 } } },
    { name: 'expired', token, now: 2_000, expected: { ok: false, reason: 'expired' } },
    { name: 'another secret', token: signAckToken({ e: 'alert:a1', s: 1, x: 2_000 }, 'other'), now: 1_000, expected: { ok: false, reason: 'bad_signature' } },
    { name: 'tampered claims', token: `${Buffer.from(JSON.stringify({ e: 'alert:a2', s: 1, x: 2_000 })).toString('base64url')}.${token.split('.')[1]}`, now: 1_000, expected: { ok: false, reason: 'bad_signature' } },
    { name: 'garbage', token: 'not a token', now: 1_000, expected: { ok: false, reason: 'malformed' } },
  ])('$name', (c) => {
    expect(verifyAckToken(c.token, secret, c.now)).toMatchObject(c.expected);
  });
});
