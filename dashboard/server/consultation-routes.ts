import express, { type Request, type Response, type Router } from 'express';
import { consultationInputSchema, consultationPublishSchema, consultationUpdateSchema, feedbackUpdateSchema } from '@fenghuo/shared';
import type { consultation as consultationModule } from '@fenghuo/analytics';
import { actorOf, SESSION_COOKIE, type AuthLocals } from './auth/auth-middleware';
import { sendRenderedPdf } from './brief/pdf-response';
import { id, parse, route } from './route-helpers';

export interface ConsultationRoutesDeps {
  consultations: consultationModule.Consultations;
  /** Prints an app page with the caller's session; absent where no renderer runs. */
  renderPage?: (path: string, stateAttribute: string, cookie: { name: string; value: string }) => Promise<Buffer>;
}

/**
 * Public consultations on draft policies: the consultations, their analysis
 * (themes, stance shares, sections, campaigns, volume), the feedback table,
 * the report as PDF of the app's print page, and publishing the feedback
 * through the 先审后发 review.
 */
export function createConsultationRoutes(deps: ConsultationRoutesDeps): Router {
  const router = express.Router();
  const { consultations } = deps;
  const json = express.json({ limit: '1mb' });

  router.get('/consultations', route(async (_req, res) => {
    res.json({ consultations: await consultations.list(actorOf(res)) });
  }));
  router.post('/consultations', json, route(async (req, res) => {
    res.status(201).json(await consultations.create(actorOf(res), parse(consultationInputSchema, req.body)));
  }));
  router.get('/consultations/:id', route(async (req, res) => {
    res.json(await consultations.get(actorOf(res), id(req)));
  }));
  router.put('/consultations/:id', json, route(async (req, res) => {
    const b = parse(consultationUpdateSchema, req.body);
    res.json(await consultations.update(actorOf(res), id(req), b.expected_version, b.consultation));
  }));
  router.get('/consultations/:id/analysis', route(async (req, res) => {
    res.json(await consultations.analysis(actorOf(res), id(req)));
  }));
  router.put('/consultations/:id/feedback', json, route(async (req, res) => {
    res.json(await consultations.saveFeedback(actorOf(res), id(req), parse(feedbackUpdateSchema, req.body)));
  }));
  router.post('/consultations/:id/publish-feedback', json, route(async (req, res) => {
    res.status(201).json(await consultations.publishFeedback(actorOf(res), id(req), parse(consultationPublishSchema, req.body)));
  }));
  router.get('/consultations/:id/report.pdf', route(async (req, res) => {
    const cid = id(req);
    // Checked here, so an unknown consultation is a 404 and not a page that renders an error.
    await consultations.get(actorOf(res), cid);
    if (!deps.renderPage) {
      res.status(503).json({ error: 'PDF rendering is not available in this process' });
      return;
    }
    const render = deps.renderPage;
    const path = `/consultations/${encodeURIComponent(cid)}/report`;
    await sendRenderedPdf(res, () => render(path, 'data-report-state', { name: SESSION_COOKIE, value: (res.locals as AuthLocals).sessionToken ?? '' }), `fenghuo-consultation-${cid}.pdf`);
  }));
  return router;
}

/** `/consultations/:id/report.pdf` is the address the app links to; the API route behind it checks the session. */
export function consultationPdfRedirect(req: Request, res: Response): void {
  res.redirect(302, `/api/v1/consultations/${encodeURIComponent(String(req.params.id))}/report.pdf`);
}
