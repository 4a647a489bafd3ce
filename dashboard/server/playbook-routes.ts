import express, { type Router } from 'express';
import { z } from 'zod';
import { playbookReplaceSchema } from '@fenghuo/shared';
import type { Workflow } from '@fenghuo/analytics';
import { actorOf } from './auth/auth-middleware';
import { id, parse, route } from './route-helpers';

const stepKey = z.string().min(1).max(60);

/**
 * Emergency playbooks (应急预案): list, view and replace them (admins, checked
 * and versioned), and an incident's checklist with its steps marked done or
 * skipped (responders of the incident's unit).
 */
export function createPlaybookRoutes(workflow: Workflow): Router {
  const router = express.Router();
  const { playbooks } = workflow;

  router.get('/playbooks', route(async (_req, res) => {
    res.json(await playbooks.list());
  }));
  router.get('/playbooks/:id', route(async (req, res) => {
    res.json(await playbooks.get(id(req)));
  }));
  router.put('/playbooks/:id', express.json({ limit: '200kb' }), route(async (req, res) => {
    const b = parse(playbookReplaceSchema, req.body);
    res.json(await playbooks.replace(actorOf(res), id(req), b.expected_version, b.playbook));
  }));

  router.get('/incidents/:id/checklist', route(async (req, res) => {
    res.json(await playbooks.checklist(actorOf(res), id(req)));
  }));
  router.post('/incidents/:id/checklist/:key/done', express.json({ limit: '20kb' }), route(async (req, res) => {
    res.json(await playbooks.done(actorOf(res), id(req), parse(stepKey, req.params.key), req.body ?? {}));
  }));
  router.post('/incidents/:id/checklist/:key/skip', express.json({ limit: '20kb' }), route(async (req, res) => {
    res.json(await playbooks.skip(actorOf(res), id(req), parse(stepKey, req.params.key), req.body ?? {}));
  }));
  return router;
}
