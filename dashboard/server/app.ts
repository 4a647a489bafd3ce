import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Bus, HealthResponse, StatsResponse, Store } from '@fenghuo/shared';
import { ingestCounts, recentIngestLagP95 } from '@fenghuo/analytics';
import { createMentionsHandler, type MentionsRouteOptions } from '@fenghuo/ingest';
import type { Workflow } from '@fenghuo/analytics';
import { createAnalyticsRoutes, type AnalyticsRoutesDeps } from './analytics-routes';
import { createAuthMiddleware } from './auth/auth-middleware';
import { createBriefRoutes } from './brief/brief-routes';
import type { BriefService } from './brief/brief-service';
import { openApiDocument } from './openapi';
import { createWorkflowRoutes, type WorkflowRoutesOptions } from './workflow-routes';
import { createGovernanceRoutes, governancePdfRedirect, type GovernanceRoutesDeps } from './governance-routes';
import { createDutyRoutes, type DutyRoutesDeps } from './duty-routes';
import { consultationPdfRedirect, createConsultationRoutes, type ConsultationRoutesDeps } from './consultation-routes';
import { createPlaybookRoutes } from './playbook-routes';
import { STATUS_PAGE_CSP, statusPage } from './status-page';
import type { LiveHub } from './live/live-hub';
import type { WebApp } from './web/serve-app';
import { actorOf } from './auth/auth-middleware';
import { SYSTEM_ACTOR } from '@fenghuo/analytics';

export interface AppDeps {
  store: Store;
  bus: Bus;
  registry: Registry;
  logger: Logger;
  /** The ingest endpoint, in processes that run the api role. */
  ingest?: MentionsRouteOptions;
  /** In-process freshness (received → stored) when the writer runs in this process. */
  freshnessP95?: () => number | undefined;
  /** The analytics read API and the editing of rules, channels and the knowledge base. */
  analytics?: AnalyticsRoutesDeps;
  /** Users, sessions and the response workflow: with it, every API route but health, login and ingest needs a session. */
  workflow?: Workflow;
  workflowOptions?: WorkflowRoutesOptions;
  /** Express's `trust proxy` (behind a TLS-terminating proxy: req.secure and client addresses). */
  trustProxy?: boolean | number | string;
  /** The dashboard's live feed (`GET /api/v1/live`). */
  live?: LiveHub;
  /** The browser app at `/`; without it, a plain status page. */
  web?: WebApp;
  /** The daily brief (JSON, PDF, stored briefs); needs the workflow. */
  brief?: BriefService;
  /** Account governance (overview, report, thresholds, registry CSV, snapshots); needs the workflow. */
  governance?: Omit<GovernanceRoutesDeps, 'workflow'>;
  /** Duty rosters, who is on duty, the escalation report and the acknowledgement links; needs the workflow. */
  duty?: DutyRoutesDeps;
  /** Public consultations (analysis, feedback, report PDF, publishing the feedback); needs the workflow. */
  consultations?: ConsultationRoutesDeps;
  /** Whether the store takes writes (where an ingest worker runs): /healthz is red while they fail. */
  writes?: () => { ok: boolean; detail?: string };
}

/**
 * Headers every answer carries. The default CSP is the strictest one (no
 * script, style, frame or form anywhere) so an answer that is not a page
 * (JSON, CSV, an error) cannot become one; pages replace it with their own
 * (the app, the status page, the duty acknowledgement page). PDFs keep only
 * frame-ancestors: a browser's PDF viewer is a plugin that default-src 'none'
 * could block.
 */
const DEFAULT_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const PDF_CSP = "frame-ancestors 'self'";
const securityHeaders: RequestHandler = (req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Content-Security-Policy', req.path.endsWith('.pdf') ? PDF_CSP : DEFAULT_CSP);
  if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=15552000');
  // API answers hold what a user may see (incidents, drafts, the CSRF token): no cache keeps a copy.
  if (req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
  next();
};

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  app.use(securityHeaders);
  if (deps.workflow) app.use('/api', createAuthMiddleware(deps.workflow));

  app.get('/healthz', async (_req, res) => {
    const [store, bus] = await Promise.all([
      deps.store.ping().then((ok) => ({ ok, ...(ok ? {} : { detail: 'store did not answer' }) })),
      deps.bus.health(),
    ]);
    const writes = deps.writes?.();
    const body: HealthResponse = {
      status: store.ok && bus.ok && (writes?.ok ?? true) ? 'ok' : 'down',
      checks: { store, bus, ...(writes ? { writes } : {}) },
    };
    res.status(body.status === 'ok' ? 200 : 503).json(body);
  });

  app.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', deps.registry.contentType);
    res.send(await deps.registry.metrics());
  });

  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });

  app.get('/api/v1/stats', async (_req, res) => {
    const counts = await ingestCounts(deps.store);
    const local = deps.freshnessP95?.();
    const lag = local !== undefined ? local : await recentIngestLagP95(deps.store);
    const body: StatsResponse = { mentions: counts.mentions, rejected: counts.rejected, lag_ms: lag };
    res.json(body);
  });

  if (deps.ingest) app.post('/api/v1/mentions', createMentionsHandler(deps.ingest));
  // Before the workflow's routes: its JSON parser would otherwise meet the registry's CSV first.
  if (deps.governance && deps.workflow) {
    app.use('/api/v1', createGovernanceRoutes({ ...deps.governance, workflow: deps.workflow }));
    app.get('/governance/report.pdf', governancePdfRedirect);
  }
  if (deps.duty && deps.workflow) app.use('/api/v1', createDutyRoutes(deps.duty));
  if (deps.consultations && deps.workflow) {
    app.use('/api/v1', createConsultationRoutes(deps.consultations));
    app.get('/consultations/:id/report.pdf', consultationPdfRedirect);
  }
  if (deps.workflow) app.use('/api/v1', createPlaybookRoutes(deps.workflow));
  if (deps.workflow) app.use('/api/v1', createWorkflowRoutes(deps.workflow, deps.workflowOptions));
  if (deps.analytics) app.use('/api/v1', createAnalyticsRoutes(deps.analytics));
  if (deps.brief && deps.workflow) app.use('/api/v1', createBriefRoutes(deps.brief, deps.workflow));

  if (deps.live) {
    const live = deps.live;
    app.get('/api/v1/live', async (req, res, next) => {
      try {
        await live.handle(req, res, deps.workflow ? actorOf(res) : SYSTEM_ACTOR);
      } catch (error) {
        next(error);
      }
    });
  }

  if (deps.web) deps.web.mount(app);
  else
    app.get('/', (_req, res) => {
      res.setHeader('Content-Security-Policy', STATUS_PAGE_CSP);
      res.type('html').send(statusPage());
    });

  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'no such API route' });
  });

  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    if (res.headersSent) return;
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) deps.logger.error({ err: error }, 'request failed');
    const extra: Record<string, unknown> = {};
    // Check findings that blocked an approval, and the version a conflicting change is at.
    if (status !== 500 && Array.isArray(error?.findings)) extra.findings = error.findings;
    if (status === 409 && typeof error?.current === 'number') extra.current_version = error.current;
    // Which fields a rejected body got wrong, so a form can show each error by its field.
    if (status === 400 && Array.isArray(error?.issues) && error.issues.length) extra.issues = error.issues;
    res.status(status).json({ error: status === 500 ? 'internal error' : String(error.message ?? 'bad request'), ...extra });
  };
  app.use(onError);
  return app;
}
