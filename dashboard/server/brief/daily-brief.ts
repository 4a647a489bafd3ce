import type { BriefIncident, DailyBrief, Incident, Store } from '@fenghuo/shared';
import { dayEventSentiment, dayTopEvents, dayVolume, risingAt, type Actor, type Workflow } from '@fenghuo/analytics';
import { localDay } from './local-day';

export interface DailyBriefDeps {
  store: Store;
  workflow: Pick<Workflow, 'incidents' | 'responseStats' | 'directory'>;
  timezone: string;
  now?: () => number;
}

/** The brief's fixed choices, in one place so the page and docs can say what they mean. */
export const BRIEF_RULES = {
  topEvents: 8,
  /** A rumor: score at or above this, or a knowledge-base match (as on the wall). */
  rumorScore: 0.5,
  maxRumors: 20,
  /** "Still rising": mentions in the last hour of the day against the rate of the six hours before. */
  risingRecentMinutes: 60,
  risingBaselineMinutes: 360,
  risingMinRecent: 5,
  risingMinRatio: 2,
  risingLimit: 5,
} as const;

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

function briefIncident(i: Incident, names: ReadonlyMap<string, string>): BriefIncident {
  const name = names.get(i.unit_id);
  return {
    id: i.id,
    title: i.title,
    severity: i.severity,
    unit_id: i.unit_id,
    ...(name ? { unit_name: name } : {}),
    status: i.status,
    opened_at: i.opened_at,
    ...(i.closed_at !== undefined ? { closed_at: i.closed_at } : {}),
    deadlines: (i.clock?.deadlines ?? []).map((d) => ({
      key: d.key,
      label: d.label,
      due_at: d.due_at,
      // A deadline close to due is still pending: the brief reports outcomes, not warnings.
      state: d.state === 'warning' ? 'pending' : d.state,
      ...(d.met_at !== undefined ? { met_at: d.met_at } : {}),
    })),
  };
}

/**
 * The daily brief of one local day, for one actor: events and totals from
 * the analytics tables (every role sees those), incidents and response
 * performance only of the actor's units (as the workflow scopes them).
 */
export async function buildDailyBrief(deps: DailyBriefDeps, actor: Actor, date: string): Promise<DailyBrief> {
  const { store, workflow, timezone } = deps;
  const now = (deps.now ?? Date.now)();
  const { from, to } = localDay(date, timezone);
  // A day still running is reported up to now; a day in the future is empty.
  const asOf = Math.max(from, Math.min(to, now));

  const [hours, top, rumorEvents, rising, incidents, stats, names] = await Promise.all([
    dayVolume(store, from, to),
    dayTopEvents(store, from, to, { limit: BRIEF_RULES.topEvents }),
    dayTopEvents(store, from, to, { limit: BRIEF_RULES.maxRumors, minRumorScore: BRIEF_RULES.rumorScore }),
    // A day that has not begun has nothing rising yet.
    now < from ? Promise.resolve([]) : risingAt(store, asOf, {
      recentMinutes: BRIEF_RULES.risingRecentMinutes,
      baselineMinutes: BRIEF_RULES.risingBaselineMinutes,
      minRecent: BRIEF_RULES.risingMinRecent,
      minRatio: BRIEF_RULES.risingMinRatio,
      limit: BRIEF_RULES.risingLimit,
    }),
    workflow.incidents.list(actor, {}),
    workflow.responseStats(actor, from, to),
    workflow.directory.unitNames(),
  ]);
  const sentiment = await dayEventSentiment(store, top.map((t) => t.event.id), from, to);

  const totals = hours.reduce((s, h) => ({ mentions: s.mentions + h.mentions, negative: s.negative + h.negative, positive: s.positive + h.positive, neutral: s.neutral + h.neutral }), { mentions: 0, negative: 0, positive: 0, neutral: 0 });
  const hourCount = Math.round((to - from) / 3_600_000);
  const hourly = Array.from({ length: hourCount }, (_, hour) => {
    const h = hours.find((x) => x.hour === hour);
    return { hour, mentions: h?.mentions ?? 0, negative: h?.negative ?? 0 };
  });

  // A rumor counts as rebutted by a knowledge-base rebuttal or by a rebuttal an incident on it published by the end of the day.
  const incidentRebuttal = (eventId: string) => {
    for (const i of incidents) {
      if (!i.event_ids.includes(eventId)) continue;
      const a = i.actions.filter((x) => x.kind === 'rebuttal' && x.at < to).sort((x, y) => x.at - y.at)[0];
      if (a) return { kind: 'incident' as const, incident_id: i.id, at: a.at, ...(a.link ? { link: a.link } : {}) };
    }
    return undefined;
  };
  const rumors: DailyBrief['rumors'] = rumorEvents.map(({ event: e, mentions }) => {
    const rebuttal = e.kb_match
      ? { kind: 'kb' as const, source: e.kb_match.source, date: e.kb_match.date, claim: e.kb_match.claim, ...(e.kb_match.url ? { url: e.kb_match.url } : {}) }
      : incidentRebuttal(e.id);
    return { event_id: e.id, title: e.title, mentions, rumor_score: e.rumor_score, first_seen: e.first_seen, rebutted: Boolean(rebuttal), ...(rebuttal ? { rebuttal } : {}) };
  });

  const inDay = (t: number | undefined) => t !== undefined && t >= from && t < to;
  const opened = incidents.filter((i) => inDay(i.opened_at)).sort((a, b) => a.opened_at - b.opened_at);
  const closed = incidents.filter((i) => i.status === 'closed' && inDay(i.closed_at)).sort((a, b) => a.closed_at! - b.closed_at!);
  // Open at the end of the day: opened by then and not closed by then.
  const stillOpen = incidents.filter((i) => i.opened_at < to && (i.status !== 'closed' || (i.closed_at !== undefined && i.closed_at >= to)));

  return {
    date,
    timezone,
    from,
    to,
    generated_at: now,
    complete: now >= to,
    as_of: asOf,
    totals: { ...totals, negative_share: share(totals.negative, totals.mentions), hourly },
    top_events: top.map(({ event: e, mentions }) => {
      const s = sentiment[e.id] ?? { positive: 0, negative: 0, neutral: 0 };
      return {
        id: e.id,
        title: e.title,
        keywords: e.keywords.slice(0, 5),
        mentions,
        sentiment: s,
        negative_share: share(s.negative, s.positive + s.negative + s.neutral),
        first_seen: e.first_seen,
        size: e.size,
        rumor_score: e.rumor_score,
        provinces: Object.entries(e.provinces).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([p]) => p),
      };
    }),
    rumors,
    incidents: { opened: opened.map((i) => briefIncident(i, names)), closed: closed.map((i) => briefIncident(i, names)) },
    response: {
      units: stats.units.map((u) => {
        const decided = u.deadlines.reduce((n, d) => n + d.decided, 0);
        const onTime = u.deadlines.reduce((n, d) => n + d.on_time, 0);
        return {
          unit_id: u.unit_id,
          ...(u.unit_name ? { unit_name: u.unit_name } : {}),
          incidents: u.incidents,
          released: u.released,
          first_release_median_ms: u.first_release_median_ms,
          on_time_rate: u.on_time_rate,
          decided,
          on_time: onTime,
        };
      }),
    },
    playbook_adherence: stats.playbook_adherence,
    watch: {
      rising: rising.map((r) => ({ ...r, ratio: Math.round(((r.recent + 1) / (r.expected + 1)) * 10) / 10 })),
      unrebutted_rumors: rumors.filter((r) => !r.rebutted).map((r) => ({ event_id: r.event_id, title: r.title, rumor_score: r.rumor_score })),
      open_incidents: stillOpen.map((i) => {
        const name = names.get(i.unit_id);
        return {
          id: i.id,
          title: i.title,
          unit_id: i.unit_id,
          ...(name ? { unit_name: name } : {}),
          status: i.status === 'closed' ? 'open' : i.status,
          ...(i.clock?.next ? { next: { label: i.clock.next.label, due_at: i.clock.next.due_at } } : {}),
        };
      }),
    },
  };
}
