import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { calendarMonth, governanceConfigInputSchema, type AccountImportResponse } from '@fenghuo/shared';
import { governance as gov, type Workflow } from '@fenghuo/analytics';
import { actorOf, SESSION_COOKIE, type AuthLocals } from './auth/auth-middleware';
import { sendRenderedPdf } from './brief/pdf-response';
import { id, parse, route } from './route-helpers';

export interface GovernanceRoutesDeps {
  workflow: Workflow;
  governance: gov.Governance;
  /** Prints an app page (path with query) with the caller's session; absent where no renderer runs. */
  renderPage?: (path: string, stateAttribute: string, cookie: { name: string; value: string }) => Promise<Buffer>;
  /** The source of a valid bearer ingest token (snapshot collectors), undefined otherwise. */
  verifyIngestToken?: (token: string) => string | undefined;
}

const reportQuery = z.object({ unit: z.string().min(1).max(64).optional(), month: calendarMonth.optional() });

/**
 * Account governance: the overview and drill-down, the monthly inspection
 * report (JSON, CSV, PDF of the app page), the thresholds, the registry's
 * CSV import/export and the audience snapshots collectors send.
 */
export function createGovernanceRoutes(deps: GovernanceRoutesDeps): Router {
  const router = express.Router();
  const { workflow, governance } = deps;
  const tz = workflow.ctx.timezone;

  /** The report's unit (the caller's own by default) and month (the running one by default). */
  const reportParams = (req: Request, res: Response) => {
    const q = parse(reportQuery, req.query);
    const actor = actorOf(res);
    const month = q.month ?? new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit' }).format(workflow.ctx.now()).slice(0, 7);
    return { actor, unit: q.unit ?? actor.unit_id, month };
  };

  router.get('/governance', route(async (req, res) => {
    const q = parse(z.object({ unit: z.string().max(64).optional() }), req.query);
    res.json(await governance.overview(actorOf(res), q.unit ? { unit_id: q.unit } : {}));
  }));
  router.get('/governance/accounts/:id', route(async (req, res) => {
    res.json(await governance.account(actorOf(res), id(req)));
  }));
  router.get('/governance/report', route(async (req, res) => {
    const p = reportParams(req, res);
    res.json(await governance.report(p.actor, p.unit, p.month));
  }));
  router.get('/governance/report.csv', route(async (req, res) => {
    const p = reportParams(req, res);
    const report = await governance.report(p.actor, p.unit, p.month);
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="fenghuo-governance-${p.month}.csv"`);
    res.send(governance.reportCsv(report));
  }));
  router.get('/governance/report.pdf', route(async (req, res) => {
    const p = reportParams(req, res);
    // Checked here, so a bad unit or month is a 400/404 and not a page that renders an error.
    await governance.report(p.actor, p.unit, p.month);
    if (!deps.renderPage) {
      res.status(503).json({ error: 'PDF rendering is not available in this process' });
      return;
    }
    const path = `/governance/report?unit=${encodeURIComponent(p.unit)}&month=${encodeURIComponent(p.month)}`;
    const render = deps.renderPage;
    await sendRenderedPdf(res, () => render(path, 'data-report-state', { name: SESSION_COOKIE, value: (res.locals as AuthLocals).sessionToken ?? '' }), `fenghuo-governance-${p.month}.pdf`);
  }));
  router.get('/governance/config', route(async (_req, res) => {
    res.json(await governance.config());
  }));
  router.put('/governance/config', express.json({ limit: '100kb' }), route(async (req, res) => {
    const b = parse(governanceConfigInputSchema.extend({ thresholds: z.unknown() }), req.body);
    res.json(await governance.saveConfig(actorOf(res), b.expected_version, b.thresholds));
  }));

  // ---- registry CSV ----
  router.get('/accounts/export', route(async (_req, res) => {
    const actor = actorOf(res);
    const accounts = (await workflow.directory.accounts()).filter((a) => actor.unitIds.has(a.unit_id));
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="fenghuo-accounts.csv"');
    res.send(gov.accountsToCsv(accounts));
  }));
  router.post('/accounts/import', express.text({ type: () => true, limit: '10mb' }), route(async (req, res) => {
    const text = typeof req.body === 'string' ? req.body : '';
    const parsed = gov.parseAccountsCsv(text);
    let body: AccountImportResponse;
    if (parsed.errors.length) body = { created: 0, updated: 0, errors: parsed.errors };
    else body = await workflow.directory.importAccounts(actorOf(res), parsed.rows);
    res.status(body.errors.length ? 400 : 200).json(body);
  }));

  // ---- audience snapshots (collectors, bearer ingest token) ----
  router.post('/accounts/snapshots', express.json({ limit: '5mb' }), route(async (req, res) => {
    const header = req.get('authorization') ?? '';
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    const source = token ? deps.verifyIngestToken?.(token) : undefined;
    if (!source) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      res.status(401).json({ error: 'missing or invalid ingest token: send Authorization: Bearer <token>' });
      return;
    }
    const rows: unknown = req.body;
    if (!Array.isArray(rows)) {
      res.status(400).json({ error: 'expected a JSON array of snapshots' });
      return;
    }
    if (rows.length > gov.MAX_SNAPSHOTS_PER_REQUEST) {
      res.status(413).json({ error: `at most ${gov.MAX_SNAPSHOTS_PER_REQUEST} snapshots per request` });
      return;
    }
    const r = await gov.ingestSnapshots(workflow.store, rows, source, workflow.ctx.now());
    res.status(r.accepted === 0 && r.rejected > 0 ? 400 : 200).json(r);
  }));
  return router;
}

/** `/governance/report.pdf` is the address the app links to; the API route behind it checks the session. */
export function governancePdfRedirect(req: Request, res: Response): void {
  const q = new URLSearchParams(req.query as Record<string, string>).toString();
  res.redirect(302, `/api/v1/governance/report.pdf${q ? `?${q}` : ''}`);
}
