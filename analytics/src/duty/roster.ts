import type { DutyNow, DutyPerson, DutyPersonView, Roster, Shift, ShiftKind, ShiftTimes } from '@fenghuo/shared';
import { hasHolidayCalendar, isChineseWorkingDay, localDay, nextLocalDay, startOfLocalDay } from '../workflow/clocks/working-days';

/** The shift kinds that run on a local day: the day and night shifts on a working day, the holiday shift on a rest day. */
export function shiftKindsOn(day: string): ShiftKind[] {
  return isChineseWorkingDay(day) ? ['day', 'night'] : ['holiday'];
}

/** The instants a shift of `kind` starting on `day` covers, [start, end); an end at or before the start is the next day. */
export function shiftWindow(day: string, times: ShiftTimes, timezone: string): { start: number; end: number } {
  const [sh, sm] = times.start.split(':').map(Number) as [number, number];
  const [eh, em] = times.end.split(':').map(Number) as [number, number];
  const start = startOfLocalDay(day, timezone, sh, sm);
  const endDay = eh * 60 + em <= sh * 60 + sm ? nextLocalDay(day) : day;
  return { start, end: startOfLocalDay(endDay, timezone, eh, em) };
}

/**
 * The slot (day and kind) covering `at`: shifts start on today or yesterday
 * (a night or holiday shift runs past midnight), and the calendar decides
 * which kinds run on a day. The latest start wins where slots overlap.
 */
export function slotAt(at: number, shiftTimes: Roster['shift_times'], timezone: string): { date: string; kind: ShiftKind; start: number; end: number } | undefined {
  const today = localDay(at, timezone);
  let best: { date: string; kind: ShiftKind; start: number; end: number } | undefined;
  for (const date of [nextLocalDay(today, -1), today]) {
    for (const kind of shiftKindsOn(date)) {
      const w = shiftWindow(date, shiftTimes[kind], timezone);
      if (w.start <= at && at < w.end && (!best || w.start > best.start)) best = { date, kind, ...w };
    }
  }
  return best;
}

export function personView(p: DutyPerson): DutyPersonView {
  return { id: p.id, name: p.name, ...(p.phone ? { phone: p.phone } : {}), channel_kind: p.channel.kind };
}

/**
 * Who is on duty for the roster's unit at `at`. Years chinese-days does not
 * cover fall back to Monday–Friday working days (`calendar_known: false`), so
 * a roster written for such a year should list holiday shifts by hand.
 */
export function dutyAt(roster: Roster | undefined, unitId: string, at: number, timezone: string): DutyNow {
  const calendar_known = hasHolidayCalendar(Number(localDay(at, timezone).slice(0, 4)));
  const base: DutyNow = { unit_id: unitId, at, calendar_known };
  if (!roster) return { ...base, note: 'no roster' };
  const people = new Map(roster.people.map((p) => [p.id, p]));
  const leader = roster.leader ? people.get(roster.leader) : undefined;
  const withLeader = leader ? { ...base, leader: personView(leader) } : base;
  const slot = slotAt(at, roster.shift_times, timezone);
  if (!slot) return { ...withLeader, note: 'no shift runs at this time' };
  const timed = { ...withLeader, date: slot.date, kind: slot.kind, shift_start: slot.start, shift_end: slot.end };
  const shift = findShift(roster.shifts, slot.date, slot.kind);
  if (!shift) return { ...timed, note: `no ${slot.kind} shift on ${slot.date}` };
  const onDuty = people.get(shift.on_duty);
  const backup = shift.backup ? people.get(shift.backup) : undefined;
  return { ...timed, ...(onDuty ? { on_duty: personView(onDuty) } : {}), ...(backup ? { backup: personView(backup) } : {}) };
}

function findShift(shifts: readonly Shift[], date: string, kind: ShiftKind): Shift | undefined {
  return shifts.find((s) => s.date === date && s.kind === kind);
}

/**
 * A shift the calendar does not run (a day shift on National Day, a holiday
 * shift on a 调休 working Saturday): the reason, or undefined when it fits.
 * Years without a holiday table accept every kind.
 */
export function shiftCalendarProblem(s: Pick<Shift, 'date' | 'kind'>): string | undefined {
  if (!hasHolidayCalendar(Number(s.date.slice(0, 4)))) return undefined;
  const kinds = shiftKindsOn(s.date);
  if (kinds.includes(s.kind)) return undefined;
  return kinds.includes('holiday') ? `${s.date} is a rest day (holiday or weekend): use a holiday shift, not ${s.kind}` : `${s.date} is a working day (调休 make-up days included): use day or night shifts, not holiday`;
}
