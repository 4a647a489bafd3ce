import fs from 'node:fs';
import express, { type Router } from 'express';
import { z } from 'zod';
import type { DailyBrief, StoredBriefsResponse } from '@fenghuo/shared';
import type { Workflow } from '@fenghuo/analytics';
import { actorOf, SESSION_COOKIE, type AuthLocals } from '../auth/auth-middleware';
import { parse, route } from '../route-helpers';
import type { BriefService } from './brief-service';
import { parseLocalDate } from './local-day';
import { sendRenderedPdf } from './pdf-response';

const dateText = z.string().refine((s) => parseLocalDate(s) !== undefined, 'expected a calendar date YYYY-MM-DD');
const briefQuery = z.object({ date: dateText.optional() });
const pdfQuery = briefQuery.extend({ lang: z.enum(['zh', 'en']).optional() });

/**
 * The daily brief: as JSON for the page, as a PDF of the page (headless
 * Chromium with the caller's session), and the briefs stored by the
 * schedule. Stored briefs are made as the system and cover every unit, so
 * only users who see every unit may read them.
 */
export function createBriefRoutes(service: BriefService, workflow: Workflow): Router {
  const router = express.Router();

  router.get('/brief', route(async (req, res) => {
    const q = parse(briefQuery, req.query);
    const body: DailyBrief = await service.build(actorOf(res), q.date ?? service.defaultDate());
    res.json(body);
  }));

  router.get('/brief.pdf', route(async (req, res) => {
    const q = parse(pdfQuery, req.query);
    const date = q.date ?? service.defaultDate();
    actorOf(res);
    const token = (res.locals as AuthLocals).sessionToken ?? '';
    await sendRenderedPdf(res, () => service.renderForSession(date, SESSION_COOKIE, token, q.lang), `fenghuo-brief-${date}.pdf`);
  }));

  const seesEveryUnit = async (res: express.Response) => {
    const actor = actorOf(res);
    const units = await workflow.directory.units();
    if (!units.every((u) => actor.unitIds.has(u.id))) {
      throw Object.assign(new Error('stored briefs cover every unit: only users of the top unit may read them (GET /api/v1/brief gives your own units’ brief)'), { status: 403 });
    }
  };

  router.get('/briefs', route(async (_req, res) => {
    await seesEveryUnit(res);
    const body: StoredBriefsResponse = { briefs: (await service.archive.list()).map((b) => ({ ...b, path: `/api/v1/briefs/${b.date}.pdf` })) };
    res.json(body);
  }));

  router.get('/briefs/:date.pdf', route(async (req, res) => {
    const date = String(req.params.date);
    if (!parseLocalDate(date)) {
      res.status(400).json({ error: 'date: expected a calendar date YYYY-MM-DD' });
      return;
    }
    await seesEveryUnit(res);
    const file = service.archive.file(date);
    if (!file) {
      res.status(404).json({ error: `no stored brief of ${date}` });
      return;
    }
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="fenghuo-brief-${date}.pdf"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(await fs.promises.readFile(file));
  }));

  return router;
}
