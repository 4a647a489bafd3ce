import type { Incident, Store, WallSnapshot } from '@fenghuo/shared';
import { eventSparklines, ingestCounts, latestEventTime, listEvents, pipelinePulse, provinceVolume, recentIngestLagP95, RESPONSE_RELEASE_KINDS, type Workflow } from '@fenghuo/analytics';
import type { Actor } from '@fenghuo/analytics';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface WallSources {
  store: Store;
  workflow?: Workflow;
  now?: () => number;
  /** In-process received → stored p95, when the writer runs here. */
  freshnessP95?: () => number | undefined;
}

export type SharedWall = Omit<WallSnapshot, 'incidents' | 'response'>;
export type ViewerWall = Pick<WallSnapshot, 'incidents' | 'response'>;

/** The parts of the wall every viewer sees alike: events, rumors, the map, the pipeline. */
export async function sharedWall(src: WallSources): Promise<SharedWall> {
  const now = (src.now ?? Date.now)();
  const latest = await latestEventTime(src.store);
  // A replayed stream's "now" is its end; live data's is the wall clock.
  const dataNow = latest !== undefined && latest < now - HOUR ? latest : now;
  const [counts, pulse, lagStored, rising, byRumor, provinces] = await Promise.all([
    ingestCounts(src.store),
    pipelinePulse(src.store),
    src.freshnessP95 ? Promise.resolve(undefined) : recentIngestLagP95(src.store),
    listEvents(src.store, { from: dataNow - 2 * HOUR, to: dataNow, sort: 'rising', limit: 8 }),
    listEvents(src.store, { from: dataNow - DAY, to: dataNow, sort: 'rumor', limit: 12 }),
    provinceVolume(src.store, dataNow - DAY, dataNow),
  ]);
  const sparkFrom = Math.floor(dataNow / MINUTE) * MINUTE - 59 * MINUTE;
  const sparks = await eventSparklines(src.store, rising.map((e) => e.id), sparkFrom, sparkFrom + 60 * MINUTE);
  const lag = src.freshnessP95?.() ?? lagStored ?? null;
  return {
    at: now,
    data_now: dataNow,
    pipeline: { mentions: counts.mentions, rejected: counts.rejected, stored_last_minute: pulse.stored_last_minute, lag_ms: lag ?? null, last_stored_at: pulse.last_stored_at },
    rising: rising.filter((e) => e.recent > 0).map((e) => ({ ...e, spark: sparks[e.id] ?? [] })),
    rumors: byRumor.filter((e) => e.rumor_score >= 0.5 || e.kb_match).slice(0, 6),
    provinces: provinces.filter((p) => p.province !== ''),
  };
}

/** The parts that depend on who looks: incidents of the viewer's units and their response record over 30 days. */
export async function viewerWall(src: WallSources, actor: Actor): Promise<ViewerWall> {
  const now = (src.now ?? Date.now)();
  const from = now - 30 * DAY;
  if (!src.workflow) return { incidents: [], response: { from, to: now, first_release_ms: [], on_time_rate: null, units: [] } };
  const [active, stats, recent] = await Promise.all([
    src.workflow.incidents.list(actor, { status: 'active' }),
    src.workflow.responseStats(actor, from, now),
    src.workflow.incidents.list(actor, { from, to: now }),
  ]);
  return {
    incidents: active.sort(byNextDue),
    response: {
      from,
      to: now,
      first_release_ms: firstReleaseLatencies(recent),
      on_time_rate: overallOnTime(stats.units),
      units: stats.ranking.map((r) => ({ unit_id: r.unit_id, ...(r.unit_name ? { unit_name: r.unit_name } : {}), incidents: r.incidents, on_time_rate: r.on_time_rate, first_release_median_ms: r.first_release_median_ms })),
    },
  };
}

function byNextDue(a: Incident, b: Incident): number {
  return (a.clock?.next?.due_at ?? Infinity) - (b.clock?.next?.due_at ?? Infinity);
}

/** Clock start → first release of each incident that has one. */
export function firstReleaseLatencies(incidents: readonly Incident[]): number[] {
  const out: number[] = [];
  for (const i of incidents) {
    const start = i.clock?.start_at ?? i.detected_at ?? i.opened_at;
    const first = i.actions.filter((a) => RESPONSE_RELEASE_KINDS.has(a.kind)).reduce((m, a) => Math.min(m, a.at), Infinity);
    if (Number.isFinite(first)) out.push(Math.max(0, first - start));
  }
  return out.sort((a, b) => a - b);
}

function overallOnTime(units: readonly { deadlines: readonly { decided: number; on_time: number }[] }[]): number | null {
  let decided = 0;
  let onTime = 0;
  for (const u of units) for (const d of u.deadlines) {
    decided += d.decided;
    onTime += d.on_time;
  }
  return decided ? onTime / decided : null;
}
