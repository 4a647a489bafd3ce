import { formatCsv, parseCsv, SHIFT_KIND_LABELS, SHIFT_KINDS, shiftSchema, type DutyPerson, type RosterImportError, type Shift, type ShiftKind } from '@fenghuo/shared';
import { shiftCalendarProblem } from './roster';

export const ROSTER_CSV_COLUMNS = ['date', 'kind', 'on_duty', 'backup'] as const;

/** The shifts as CSV (UTF-8 with BOM for Excel), people by roster id, sorted by date and kind. */
export function shiftsToCsv(shifts: readonly Shift[]): string {
  const order = (k: ShiftKind) => SHIFT_KINDS.indexOf(k);
  const sorted = [...shifts].sort((a, b) => a.date.localeCompare(b.date) || order(a.kind) - order(b.kind));
  // formatCsv gives a cell a spreadsheet would run as a formula a leading apostrophe.
  return formatCsv([[...ROSTER_CSV_COLUMNS], ...sorted.map((s) => [s.date, s.kind, s.on_duty, s.backup ?? ''])], { bom: true });
}

const KIND_WORDS = new Map<string, ShiftKind>(SHIFT_KINDS.flatMap((k) => [[k, k], [SHIFT_KIND_LABELS[k], k]] as [string, ShiftKind][]));

/**
 * Reads shifts from CSV by header name (date, kind, on_duty, backup). A
 * person is named by roster id or by name; the kind as day/night/holiday or
 * 白班/夜班/节假日班; a kind the official calendar does not run that day is an
 * error. Every problem is reported with its line; nothing is dropped.
 */
export function parseShiftsCsv(text: string, people: readonly DutyPerson[]): { shifts: Shift[]; errors: RosterImportError[] } {
  const parsed = parseCsv(text);
  const errors: RosterImportError[] = [...parsed.errors];
  const [header, ...body] = parsed.rows;
  if (!header) return { shifts: [], errors: errors.length ? errors : [{ line: 1, message: 'empty file: expected a header row date,kind,on_duty,backup' }] };
  const names = header.cells.map((c) => c.trim());
  const unknown = names.filter((n) => n && !(ROSTER_CSV_COLUMNS as readonly string[]).includes(n));
  if (unknown.length) return { shifts: [], errors: [{ line: header.line, message: `unknown column(s): ${unknown.join(', ')}; expected ${ROSTER_CSV_COLUMNS.join(', ')}` }] };
  const missing = ['date', 'kind', 'on_duty'].filter((c) => !names.includes(c));
  if (missing.length) return { shifts: [], errors: [{ line: header.line, message: `missing column(s): ${missing.join(', ')}` }] };
  const person = (v: string): string | undefined => people.find((p) => p.id === v)?.id ?? people.find((p) => p.name === v)?.id;
  const shifts: Shift[] = [];
  const seen = new Map<string, number>();
  for (const r of body) {
    const get = (c: string) => (r.cells[names.indexOf(c)] ?? '').trim().replace(/^'/, '');
    if (r.cells.every((c) => !c.trim())) continue;
    const problems: string[] = [];
    const kind = KIND_WORDS.get(get('kind'));
    if (!kind) problems.push(`kind "${get('kind')}": expected day, night or holiday (白班, 夜班, 节假日班)`);
    const onDuty = person(get('on_duty'));
    if (!onDuty) problems.push(`on_duty "${get('on_duty')}" is not a person on this roster`);
    const backupText = get('backup');
    const backup = backupText ? person(backupText) : undefined;
    if (backupText && !backup) problems.push(`backup "${backupText}" is not a person on this roster`);
    const checked = shiftSchema.safeParse({ date: get('date'), kind: kind ?? 'day', on_duty: onDuty ?? '-', ...(backup ? { backup } : {}) });
    if (!checked.success) problems.push(...checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    else if (kind) {
      const calendar = shiftCalendarProblem(checked.data);
      if (calendar) problems.push(calendar);
      const slot = `${checked.data.date}/${kind}`;
      if (seen.has(slot)) problems.push(`${checked.data.date} ${kind} shift already on line ${seen.get(slot)}`);
      seen.set(slot, r.line);
    }
    if (problems.length) errors.push({ line: r.line, message: problems.join('; ') });
    else if (checked.success) shifts.push(checked.data);
  }
  return { shifts, errors };
}

/** The roster's shifts with the imported ones replacing those of the same day and kind. */
export function mergeShifts(current: readonly Shift[], imported: readonly Shift[]): Shift[] {
  const slots = new Set(imported.map((s) => `${s.date}/${s.kind}`));
  return [...current.filter((s) => !slots.has(`${s.date}/${s.kind}`)), ...imported].sort((a, b) => a.date.localeCompare(b.date) || SHIFT_KINDS.indexOf(a.kind) - SHIFT_KINDS.indexOf(b.kind));
}
