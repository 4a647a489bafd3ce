import type { AdherenceRow, ChecklistItem } from '@fenghuo/shared';

/** One incident's checklist with its unit, for the adherence count. */
export interface UnitChecklist {
  unit_id: string;
  items: readonly ChecklistItem[];
}

/**
 * Playbook adherence per unit over [from, to): the steps that fell due in
 * it (and by now), each counted once as done in time, done late, skipped or
 * still overdue. Steps not yet due are left out, so a running day is fair.
 */
export function playbookAdherence(lists: readonly UnitChecklist[], from: number, to: number, now: number, unitNames: ReadonlyMap<string, string> = new Map()): AdherenceRow[] {
  const rows = new Map<string, AdherenceRow>();
  const until = Math.min(to, now);
  for (const list of lists) {
    for (const item of list.items) {
      if (item.due_at === undefined || item.due_at < from || item.due_at >= until) continue;
      const row = rows.get(list.unit_id) ?? { unit_id: list.unit_id, unit_name: unitNames.get(list.unit_id) ?? list.unit_id, due: 0, on_time: 0, late: 0, skipped: 0, overdue: 0 };
      row.due += 1;
      if (item.state === 'done') row[item.done?.late ? 'late' : 'on_time'] += 1;
      else if (item.state === 'skipped') row.skipped += 1;
      else row.overdue += 1;
      rows.set(list.unit_id, row);
    }
  }
  return [...rows.values()].map((r) => ({ ...r, rate: r.due ? r.on_time / r.due : undefined })).sort((a, b) => a.unit_id.localeCompare(b.unit_id));
}
