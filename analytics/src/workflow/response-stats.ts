import type { Incident, IncidentSeverity } from '@fenghuo/shared';

/** Kinds of action that count as an authoritative release (a reply to one comment does not). */
export const RELEASE_KINDS = new Set(['statement', 'rebuttal', 'press_conference', 'update']);

export interface DeadlineStats {
  key: string;
  label: string;
  /** Deadlines that are decided: met, met late, or breached. Pending ones are not counted yet. */
  decided: number;
  on_time: number;
  on_time_rate: number | null;
}

export interface GroupStats {
  unit_id: string;
  unit_name?: string;
  severity?: IncidentSeverity;
  incidents: number;
  /** Incidents with at least one authoritative release. */
  released: number;
  /** Clock start → first authoritative release, ms. */
  first_release_median_ms: number | null;
  first_release_p90_ms: number | null;
  deadlines: DeadlineStats[];
  on_time_rate: number | null;
  updates: number;
}

export interface ResponseStats {
  from: number;
  to: number;
  units: GroupStats[];
  by_severity: GroupStats[];
  /** Units, best first: on-time rate, then the median time to first release. */
  ranking: { rank: number; unit_id: string; unit_name?: string; on_time_rate: number | null; first_release_median_ms: number | null; incidents: number }[];
}

/** Nearest-rank quantile of sorted values. */
function quantile(sorted: readonly number[], q: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function group(unitId: string, list: readonly Incident[], severity?: IncidentSeverity): GroupStats {
  const firsts: number[] = [];
  const deadlines = new Map<string, DeadlineStats>();
  let updates = 0;
  for (const i of list) {
    const start = i.clock?.start_at ?? i.opened_at;
    const first = i.actions.filter((a) => RELEASE_KINDS.has(a.kind)).map((a) => a.at).sort((a, b) => a - b)[0];
    if (first !== undefined) firsts.push(Math.max(0, first - start));
    updates += i.actions.filter((a) => a.kind === 'update').length;
    for (const d of i.clock?.deadlines ?? []) {
      let s = deadlines.get(d.key);
      if (!s) deadlines.set(d.key, (s = { key: d.key, label: d.label, decided: 0, on_time: 0, on_time_rate: null }));
      if (d.state === 'met' || d.state === 'met_late' || d.state === 'breached') {
        s.decided++;
        if (d.state === 'met') s.on_time++;
      }
    }
  }
  firsts.sort((a, b) => a - b);
  let decided = 0;
  let onTime = 0;
  for (const s of deadlines.values()) {
    s.on_time_rate = s.decided ? s.on_time / s.decided : null;
    decided += s.decided;
    onTime += s.on_time;
  }
  return {
    unit_id: unitId,
    ...(severity ? { severity } : {}),
    incidents: list.length,
    released: firsts.length,
    first_release_median_ms: quantile(firsts, 0.5),
    first_release_p90_ms: quantile(firsts, 0.9),
    deadlines: [...deadlines.values()],
    on_time_rate: decided ? onTime / decided : null,
    updates,
  };
}

/**
 * Response statistics of the incidents whose clock started in [from, to):
 * per unit, per severity, and a ranking of units. Incidents carry their
 * computed clocks (see incidents.ts), so a deadline still running is not
 * counted as missed.
 */
export function responseStats(incidents: readonly Incident[], from: number, to: number, unitNames: ReadonlyMap<string, string> = new Map()): ResponseStats {
  const inRange = incidents.filter((i) => {
    const start = i.clock?.start_at ?? i.opened_at;
    return start >= from && start < to;
  });
  const byUnit = new Map<string, Incident[]>();
  const bySeverity = new Map<IncidentSeverity, Incident[]>();
  for (const i of inRange) {
    byUnit.set(i.unit_id, [...(byUnit.get(i.unit_id) ?? []), i]);
    bySeverity.set(i.severity, [...(bySeverity.get(i.severity) ?? []), i]);
  }
  const named = (g: GroupStats): GroupStats => {
    const name = unitNames.get(g.unit_id);
    return name ? { ...g, unit_name: name } : g;
  };
  const units = [...byUnit].map(([u, list]) => named(group(u, list))).sort((a, b) => a.unit_id.localeCompare(b.unit_id));
  const sev = [...bySeverity].map(([s, list]) => group('*', list, s));
  const ranked = [...units].sort(
    (a, b) =>
      (b.on_time_rate ?? -1) - (a.on_time_rate ?? -1) ||
      (a.first_release_median_ms ?? Infinity) - (b.first_release_median_ms ?? Infinity) ||
      a.unit_id.localeCompare(b.unit_id),
  );
  return {
    from,
    to,
    units,
    by_severity: sev,
    ranking: ranked.map((g, i) => ({
      rank: i + 1,
      unit_id: g.unit_id,
      ...(g.unit_name ? { unit_name: g.unit_name } : {}),
      on_time_rate: g.on_time_rate,
      first_release_median_ms: g.first_release_median_ms,
      incidents: g.incidents,
    })),
  };
}
