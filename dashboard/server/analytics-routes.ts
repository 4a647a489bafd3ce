import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import {
  ALERT_STATUSES,
  PLATFORMS,
  type AlertDetailResponse,
  type AlertsResponse,
  type Bus,
  type EventsResponse,
  type ImportResponse,
  type NotificationChannel,
  type NotificationChannelInput,
  type SeriesResponse,
  type SimilarEventsResponse,
  type Store,
  type TrendingKeywordsResponse,
} from '@fenghuo/shared';
import {
  SERIES_DIMENSIONS,
  acknowledgeAlert,
  alertHistory,
  eventDetail,
  exportClaims,
  getAlert,
  latestEventTime,
  listAlerts,
  listDeliveries,
  listEvents,
  mentionSeries,
  parseClaims,
  similarEvents,
  trendingKeywords,
  ValidationError,
  type ChannelRepository,
  type ClaimRepository,
  type JsonRepository,
  type RuleRepository,
} from '@fenghuo/analytics';
import type { AlertStreamHub } from './alert-stream';
import { id, parse, route, time } from './route-helpers';

/**
 * The analytics read API and the editing of rules, notification channels
 * and the debunk knowledge base. Routes are thin: parse the request with a
 * schema, call one query or repository function, answer.
 */
export interface AnalyticsRoutesDeps {
  store: Store;
  bus: Bus;
  rules: RuleRepository;
  channels: ChannelRepository;
  claims: ClaimRepository;
  alertStream?: AlertStreamHub;
  /** Sends a test message through a channel (POST /api/v1/channels/:id/test). */
  testChannel?: (channelId: string) => Promise<{ ok: boolean; error?: string }>;
  now?: () => number;
  /** Records a change (rule, channel, KB edit, import, export, acknowledgement) in the audit log. */
  audit?: (res: Response, entry: { action: string; object_type: string; object_id: string; before?: unknown; after?: unknown; detail?: string }) => Promise<void>;
  /** Who is acting, for acknowledgements (the signed-in user). */
  actorName?: (res: Response) => string | undefined;
}

const HOUR = 3_600_000;

const eventsQuery = z.object({
  from: time.optional(),
  to: time.optional(),
  /** Without from: the last this many hours before `to` (the explorer's presets follow the data's "now", which is in the past during a replay). */
  hours: z.coerce.number().positive().max(31 * 24).default(24),
  sort: z.enum(['rising', 'volume', 'rumor', 'recent']).default('rising'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  platform: z.enum(PLATFORMS).optional(),
  province: z.string().trim().min(1).max(50).optional(),
  sentiment: z.enum(['positive', 'negative', 'neutral']).optional(),
  min_rumor: z.coerce.number().min(0).max(1).optional(),
  keyword: z.string().trim().min(1).max(100).optional(),
});

const similarQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

const alertsQuery = z.object({
  status: z.enum(ALERT_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const trendingQuery = z.object({
  to: time.optional(),
  window: z.coerce.number().int().min(1).max(1440).default(10),
  baseline: z.coerce.number().int().min(1).max(10080).default(60),
  min: z.coerce.number().int().min(1).default(5),
  limit: z.coerce.number().int().min(1).max(200).default(30),
});

const seriesQuery = z.object({
  dimension: z.enum(SERIES_DIMENSIONS).default('platform'),
  from: time.optional(),
  to: time.optional(),
  step: z.coerce.number().int().min(1).max(1440).default(5),
});

const ackBody = z.object({ by: z.string().trim().min(1).max(100).default('值班员'), note: z.string().max(1000).optional() });

const formatQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });


interface CrudHooks<I, T> {
  /** What a client sees of a stored item (default: all of it). */
  view?: (item: T) => unknown;
  /** The input an update stores, given the stored item (default: the body as sent). */
  merge?: (body: I, existing: T) => I;
}

type AuditFn = NonNullable<AnalyticsRoutesDeps['audit']>;

function crud<I, T extends { id: string; updated_at: number }>(router: Router, base: string, repo: JsonRepository<I, T>, name: string, hooks: CrudHooks<I, T> = {}, audit: AuditFn = async () => {}): void {
  const view = hooks.view ?? ((item: T) => item);
  const objectType = base.slice(1);
  router.get(base, route(async (_req, res) => {
    res.json({ items: (await repo.list()).map(view) });
  }));
  router.post(base, route(async (req, res) => {
    const item = await repo.create(req.body as I);
    await audit(res, { action: `${objectType}.create`, object_type: objectType, object_id: item.id, after: view(item) });
    res.status(201).json(view(item));
  }));
  router.get(`${base}/:id`, route(async (req, res) => {
    const item = await repo.get(id(req));
    if (!item) res.status(404).json({ error: `no ${name} ${id(req)}` });
    else res.json(view(item));
  }));
  router.put(`${base}/:id`, route(async (req, res) => {
    let body = req.body as I;
    const existing = await repo.get(id(req));
    if (hooks.merge && existing) body = hooks.merge(body, existing);
    const item = await repo.update(id(req), body);
    if (!item) res.status(404).json({ error: `no ${name} ${id(req)}` });
    else {
      await audit(res, { action: `${objectType}.update`, object_type: objectType, object_id: item.id, before: existing ? view(existing) : undefined, after: view(item) });
      res.json(view(item));
    }
  }));
  router.delete(`${base}/:id`, route(async (req, res) => {
    const existing = await repo.get(id(req));
    if (await repo.remove(id(req))) {
      await audit(res, { action: `${objectType}.delete`, object_type: objectType, object_id: id(req), before: existing ? view(existing) : undefined });
      res.status(204).end();
    } else res.status(404).json({ error: `no ${name} ${id(req)}` });
  }));
}

/**
 * A robot's signing secret is never sent back: clients see `secret_set`. An
 * update without `secret` keeps the stored one; `"secret": null` removes it.
 */
const channelHooks: CrudHooks<NotificationChannelInput, NotificationChannel> = {
  view: ({ secret, ...rest }) => ({ ...rest, secret_set: Boolean(secret) }),
  merge: (body, existing) => {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
    const b = body as NotificationChannelInput & { secret?: string | null };
    if (b.secret === null) {
      const { secret: _drop, ...rest } = b;
      return rest;
    }
    return b.secret === undefined && existing.secret ? { ...b, secret: existing.secret } : b;
  },
};

export function createAnalyticsRoutes(deps: AnalyticsRoutesDeps): Router {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const audit: AuditFn = deps.audit ?? (async () => {});
  const router = express.Router();
  const json = express.json({ limit: '5mb' });
  router.use(['/rules', '/channels', '/kb', '/alerts'], json);

  /** "Now" for reads: the wall clock, or the end of the analysed stream when it lies in the past (a replay). */
  const readNow = async () => {
    const latest = await latestEventTime(store);
    return latest !== undefined && latest < now() - HOUR ? latest : now();
  };

  router.get('/events', route(async (req, res) => {
    const q = parse(eventsQuery, req.query);
    const to = q.to ?? (await readNow());
    const from = q.from ?? to - q.hours * HOUR;
    const events = await listEvents(store, {
      from, to, sort: q.sort, limit: q.limit,
      platform: q.platform, province: q.province, sentiment: q.sentiment, minRumor: q.min_rumor, keyword: q.keyword,
    });
    const body: EventsResponse = { from, to, events };
    res.json(body);
  }));

  router.get('/events/:id/similar', route(async (req, res) => {
    const q = parse(similarQuery, req.query);
    const events = await similarEvents(store, id(req), { limit: q.limit });
    if (!events) res.status(404).json({ error: `no event ${id(req)}` });
    else res.json({ events } satisfies SimilarEventsResponse);
  }));

  router.get('/events/:id', route(async (req, res) => {
    const detail = await eventDetail(store, id(req));
    if (!detail) res.status(404).json({ error: `no event ${id(req)}` });
    else res.json(detail);
  }));

  // Before /alerts/:id, so "stream" is not taken for an id.
  router.get('/alerts/stream', route(async (req, res) => {
    if (!deps.alertStream) {
      res.status(503).json({ error: 'the live alert stream is not available in this process' });
      return;
    }
    await deps.alertStream.handle(req, res);
  }));

  router.get('/alerts', route(async (req, res) => {
    const q = parse(alertsQuery, req.query);
    const body: AlertsResponse = { alerts: await listAlerts(store, { limit: q.limit, ...(q.status ? { status: q.status } : {}) }) };
    res.json(body);
  }));

  router.get('/alerts/:id', route(async (req, res) => {
    const alert = await getAlert(store, id(req));
    if (!alert) {
      res.status(404).json({ error: `no alert ${id(req)}` });
      return;
    }
    const [history, deliveries] = await Promise.all([alertHistory(store, alert.id), listDeliveries(store, { alertId: alert.id, limit: 200 })]);
    const body: AlertDetailResponse = { alert, history, deliveries };
    res.json(body);
  }));

  router.post('/alerts/:id/ack', route(async (req, res) => {
    const b = parse(ackBody, req.body);
    const by = deps.actorName?.(res) ?? b.by;
    const alert = await acknowledgeAlert(store, deps.bus, id(req), by, now());
    if (!alert) res.status(404).json({ error: `no alert ${id(req)}` });
    else {
      await audit(res, { action: 'alert.acknowledge', object_type: 'alert', object_id: alert.id, after: { status: alert.status, acknowledged_by: alert.acknowledged_by } });
      res.json(alert);
    }
  }));

  router.get('/keywords/trending', route(async (req, res) => {
    const q = parse(trendingQuery, req.query);
    const keywords = await trendingKeywords(store, { windowMinutes: q.window, baselineMinutes: q.baseline, minCount: q.min, limit: q.limit, ...(q.to !== undefined ? { to: q.to } : {}) });
    const body: TrendingKeywordsResponse = { to: q.to ?? null, window_minutes: q.window, baseline_minutes: q.baseline, keywords };
    res.json(body);
  }));

  router.get('/series', route(async (req, res) => {
    const q = parse(seriesQuery, req.query);
    const to = q.to ?? (await readNow());
    const from = q.from ?? to - 6 * HOUR;
    if (to - from > 31 * 24 * HOUR) throw new ValidationError('from/to: at most 31 days per request', []);
    const body: SeriesResponse = { dimension: q.dimension, from, to, step_minutes: q.step, points: await mentionSeries(store, { dimension: q.dimension, from, to, stepMinutes: q.step }) };
    res.json(body);
  }));

  crud(router, '/rules', deps.rules, 'rule', {}, audit);
  crud(router, '/channels', deps.channels, 'channel', channelHooks, audit);

  router.post('/channels/:id/test', route(async (req, res) => {
    if (!(await deps.channels.get(id(req)))) {
      res.status(404).json({ error: `no channel ${id(req)}` });
      return;
    }
    if (!deps.testChannel) {
      res.status(503).json({ error: 'notifications are not configured in this process' });
      return;
    }
    const result = await deps.testChannel(id(req));
    // A message leaves the building: who sent it, through which channel, and whether it arrived.
    await audit(res, { action: 'channel.test', object_type: 'channel', object_id: id(req), after: result });
    res.json(result);
  }));

  // The knowledge base: export and import before the generic /kb/:id routes.
  router.get('/kb/export', route(async (req, res) => {
    const { format } = parse(formatQuery, req.query);
    const claims = await deps.claims.list();
    const text = exportClaims(claims, format);
    await audit(res, { action: 'kb.export', object_type: 'kb', object_id: '*', detail: `${claims.length} claims (${format})` });
    res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="fenghuo-kb.${format}"`);
    res.send(text);
  }));

  router.post('/kb/import', express.text({ type: () => true, limit: '20mb' }), route(async (req, res) => {
    const { format } = parse(formatQuery, req.query);
    // A JSON upload may arrive parsed already (Content-Type: application/json).
    const text = typeof req.body === 'string' ? req.body : req.body === undefined ? '' : JSON.stringify(req.body);
    const parsed = parseClaims(text, format);
    const created = await deps.claims.createMany(parsed.claims);
    await audit(res, { action: 'kb.import', object_type: 'kb', object_id: '*', detail: `${created.length} imported, ${parsed.errors.length} rejected` });
    const body: ImportResponse = { imported: created.length, errors: parsed.errors };
    res.status(parsed.errors.length && !created.length ? 400 : 200).json(body);
  }));

  crud(router, '/kb', deps.claims, 'knowledge-base entry', {}, audit);
  return router;
}
