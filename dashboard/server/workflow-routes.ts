import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { INCIDENT_STATUSES, spreadsheetSafe, type Role, type SessionInfo } from '@fenghuo/shared';
import { clocks, reviewPolicySchema, seesUnit, ValidationError, wordingSettingsSchema, type Workflow } from '@fenghuo/analytics';
import { actorOf, clientIp, createLoginRateLimiter, parseCookies, SESSION_COOKIE, type AuthLocals } from './auth/auth-middleware';
import { id, parse, route, time } from './route-helpers';

const DAY = 86_400_000;
const expected = z.object({ expected_version: z.number().int().nonnegative() });

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  // A leading = + - @ (or tab, CR) would run as a formula in a spreadsheet.
  const safe = spreadsheetSafe(s);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface WorkflowRoutesOptions {
  /** Secure cookies: "auto" follows req.secure (behind TLS, with trust proxy), or always / never. */
  secureCookies?: 'auto' | boolean;
}

/** The response workflow's API: sessions, incidents, drafts, Q&A, replies, administration and audit. */
export function createWorkflowRoutes(workflow: Workflow, options: WorkflowRoutesOptions = {}): Router {
  const router = express.Router();
  router.use(express.json({ limit: '5mb' }));
  const limiter = createLoginRateLimiter();
  const { directory, incidents, drafts, qa, replies, sessions } = workflow;

  const sessionInfo = async (res: Response, userId: string, csrf: string, expiresAt: number): Promise<SessionInfo> => {
    const user = await directory.user(userId);
    return { user: user!, csrf_token: csrf, expires_at: expiresAt, unit_ids: [...(await directory.unitIdsUnder(user!.unit_id))] };
  };
  const cookie = (req: Request, value: string, maxAgeMs: number) => {
    const secure = options.secureCookies === 'auto' || options.secureCookies === undefined ? req.secure : options.secureCookies;
    return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.floor(maxAgeMs / 1000)}${secure ? '; Secure' : ''}`;
  };

  // ---- session ----
  router.post('/session', route(async (req, res) => {
    const b = parse(z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }), req.body);
    const wait = limiter.wait(clientIp(req));
    if (wait > 0) {
      res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
      res.status(429).json({ error: 'too many sign-in attempts from this address; wait a minute' });
      return;
    }
    const result = await directory.verifyLogin(b.username, b.password);
    const actorStub = { id: result.ok ? result.user.id : `?${b.username}`, name: result.ok ? result.user.display_name : b.username, roles: [] as Role[], unit_id: '', unitIds: new Set<string>(), ip: clientIp(req) };
    if (!result.ok) {
      limiter.failed(clientIp(req));
      await workflow.audit.append({ at: workflow.ctx.now(), actor: actorStub.id, actor_name: actorStub.name, action: 'session.login_failed', object_type: 'session', object_id: b.username, ip: actorStub.ip, detail: result.reason });
      if (result.reason === 'locked') {
        res.status(423).json({ error: `too many wrong passwords: the account is locked until ${new Date(result.lockedUntil!).toISOString()}` });
        return;
      }
      res.status(401).json({ error: 'wrong user name or password' });
      return;
    }
    // Session fixation: whatever session the browser brought is ended; the sign-in always gets a new one.
    const brought = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (brought) await sessions.revoke(brought);
    const { token, session } = await sessions.create(result.user.id);
    await workflow.audit.append({ at: workflow.ctx.now(), actor: result.user.id, actor_name: result.user.display_name, action: 'session.login', object_type: 'session', object_id: result.user.id, ip: actorStub.ip });
    res.setHeader('Set-Cookie', cookie(req, token, session.expiresAt - session.createdAt));
    res.json(await sessionInfo(res, result.user.id, session.csrfToken, session.expiresAt));
  }));
  router.get('/session', route(async (_req, res) => {
    const actor = actorOf(res);
    const locals = res.locals as AuthLocals;
    const s = await sessions.get(locals.sessionToken!);
    res.json(await sessionInfo(res, actor.id, locals.csrfToken!, s?.expiresAt ?? 0));
  }));
  router.delete('/session', route(async (req, res) => {
    const actor = actorOf(res);
    await sessions.revoke((res.locals as AuthLocals).sessionToken!);
    await workflow.audit.append({ at: workflow.ctx.now(), actor: actor.id, actor_name: actor.name, action: 'session.logout', object_type: 'session', object_id: actor.id, ip: clientIp(req) });
    res.setHeader('Set-Cookie', cookie(req, '', 0));
    res.status(204).end();
  }));
  router.post('/session/password', route(async (_req, res) => {
    const actor = actorOf(res);
    const b = parse(z.object({ old_password: z.string().min(1), password: z.string().min(1) }), _req.body);
    await directory.setPassword(actor, actor.id, b.password, b.old_password);
    await sessions.revokeUser(actor.id);
    const { token, session } = await sessions.create(actor.id);
    res.setHeader('Set-Cookie', cookie(_req, token, session.expiresAt - session.createdAt));
    res.json(await sessionInfo(res, actor.id, session.csrfToken, session.expiresAt));
  }));

  // ---- incidents ----
  router.get('/incidents', route(async (req, res) => {
    const q = parse(z.object({ status: z.enum([...INCIDENT_STATUSES, 'active']).optional(), unit: z.string().optional(), from: time.optional(), to: time.optional() }), req.query);
    res.json({ incidents: await incidents.list(actorOf(res), { ...(q.status ? { status: q.status } : {}), ...(q.unit ? { unit_id: q.unit } : {}), ...(q.from !== undefined ? { from: q.from } : {}), ...(q.to !== undefined ? { to: q.to } : {}) }) });
  }));
  router.post('/incidents', route(async (req, res) => {
    const actor = actorOf(res);
    res.status(201).json(await incidents.open(actor, { unit_id: actor.unit_id, ...(req.body as object) } as Parameters<typeof incidents.open>[1]));
  }));
  router.post('/incidents/from-alert/:id', route(async (req, res) => {
    const r = await incidents.openFromAlert(actorOf(res), id(req), (req.body ?? {}) as object);
    res.status(r.existing ? 200 : 201).json({ ...r.incident, existing: r.existing });
  }));
  router.get('/incidents/:id', route(async (req, res) => {
    res.json(await incidents.get(actorOf(res), id(req)));
  }));
  router.patch('/incidents/:id', route(async (req, res) => {
    const { expected_version, ...patch } = parse(expected.passthrough(), req.body) as { expected_version: number } & Record<string, unknown>;
    res.json(await incidents.patch(actorOf(res), id(req), expected_version, patch));
  }));
  router.post('/incidents/:id/ack', route(async (req, res) => {
    res.json(await incidents.acknowledge(actorOf(res), id(req)));
  }));
  router.post('/incidents/:id/actions', route(async (req, res) => {
    const r = await incidents.addAction(actorOf(res), id(req), { ...(req.body as object), source: 'manual' } as Parameters<typeof incidents.addAction>[2]);
    res.status(201).json(r.incident);
  }));
  router.get('/incidents/:id/history', route(async (req, res) => {
    res.json({ history: await incidents.history(actorOf(res), id(req)) });
  }));
  router.get('/response/stats', route(async (req, res) => {
    const q = parse(z.object({ from: time.optional(), to: time.optional(), unit: z.string().optional() }), req.query);
    const to = q.to ?? workflow.ctx.now();
    const from = q.from ?? to - 30 * DAY;
    res.json(await workflow.responseStats(actorOf(res), from, to, q.unit));
  }));

  // ---- settings ----
  /** Replaces a settings document at the version the admin saw, audited with before and after. */
  const saveSettings = async (req: Request, res: Response, key: string, expectedVersion: number, value: unknown) => {
    const actor = actorOf(res);
    const before = await workflow.ctx.log.get('settings', key);
    const saved = await workflow.ctx.log.append('settings', key, expectedVersion, { action: 'update', actor: actor.id, at: workflow.ctx.now(), state: value });
    await workflow.audit.append({ at: workflow.ctx.now(), actor: actor.id, actor_name: actor.name, action: `settings.${key}`, object_type: 'settings', object_id: key, before: before?.state, after: value, ip: clientIp(req) });
    return saved.seq;
  };
  router.get('/settings/clock-policies', route(async (_req, res) => {
    const saved = await workflow.ctx.log.get<Record<string, unknown>>('settings', 'clock_policies');
    res.json({ policies: { ...clocks.DEFAULT_CLOCK_POLICIES, ...(saved?.state ?? {}) }, version: saved?.seq ?? 0 });
  }));
  router.put('/settings/clock-policies', route(async (req, res) => {
    const b = parse(z.object({ expected_version: z.number().int().nonnegative(), policies: z.record(z.string(), z.unknown()) }), req.body);
    for (const [severity, p] of Object.entries(b.policies)) {
      if (!(clocks.SEVERITY_CLASSES as readonly string[]).includes(severity)) throw new ValidationError(`policies.${severity}: not a severity class`, []);
      try {
        clocks.validatePolicy(p as clocks.ClockPolicy);
      } catch (error) {
        throw new ValidationError(`policies.${severity}: ${(error as Error).message}`, []);
      }
    }
    const version = await saveSettings(req, res, 'clock_policies', b.expected_version, b.policies);
    res.json({ policies: { ...clocks.DEFAULT_CLOCK_POLICIES, ...b.policies }, version });
  }));
  router.get('/settings/review-policy', route(async (_req, res) => {
    const saved = await workflow.ctx.log.get('settings', 'review_policy');
    res.json({ policy: await drafts.loadPolicy(), version: saved?.seq ?? 0 });
  }));
  router.put('/settings/review-policy', route(async (req, res) => {
    const b = parse(z.object({ expected_version: z.number().int().nonnegative(), policy: reviewPolicySchema }), req.body);
    res.json({ policy: b.policy, version: await saveSettings(req, res, 'review_policy', b.expected_version, b.policy) });
  }));

  router.get('/settings/wording', route(async (_req, res) => {
    const saved = await workflow.ctx.log.get('settings', 'wording');
    res.json({ wording: saved?.state ?? { forbidden: [], sensitive: [], term_mistakes: [] }, version: saved?.seq ?? 0 });
  }));
  router.put('/settings/wording', route(async (req, res) => {
    const b = parse(z.object({ expected_version: z.number().int().nonnegative(), wording: wordingSettingsSchema }), req.body);
    res.json({ wording: b.wording, version: await saveSettings(req, res, 'wording', b.expected_version, b.wording) });
  }));

  // ---- drafts ----
  router.get('/templates', route(async (_req, res) => {
    res.json({ templates: drafts.templates() });
  }));
  router.post('/checks', route(async (req, res) => {
    const actor = actorOf(res);
    const b = parse(z.object({ text: z.string().max(100_000), kind: z.enum(['situation_report', 'rebuttal', 'talking_points', 'press_qa']).default('situation_report'), platform: z.string().default('weibo'), incident_id: z.string().optional() }), req.body);
    res.json(await drafts.check(b.text, { kind: b.kind, platform: b.platform, unit_id: actor.unit_id, ...(b.incident_id ? { incident_id: b.incident_id } : {}) }));
  }));
  router.get('/incidents/:id/suggestions', route(async (req, res) => {
    res.json(await drafts.suggestions(actorOf(res), id(req)));
  }));
  router.get('/drafts', route(async (req, res) => {
    const q = parse(z.object({ incident: z.string().optional(), status: z.string().optional() }), req.query);
    res.json({ drafts: await drafts.list(actorOf(res), { ...(q.incident ? { incident_id: q.incident } : {}), ...(q.status ? { status: q.status } : {}) }) });
  }));
  router.post('/drafts', route(async (req, res) => {
    res.status(201).json(await drafts.create(actorOf(res), req.body as Parameters<typeof drafts.create>[1]));
  }));
  router.get('/drafts/:id', route(async (req, res) => {
    res.json(await drafts.get(actorOf(res), id(req)));
  }));
  router.put('/drafts/:id', route(async (req, res) => {
    res.json(await drafts.edit(actorOf(res), id(req), req.body as Parameters<typeof drafts.edit>[2]));
  }));
  router.get('/drafts/:id/history', route(async (req, res) => {
    res.json({ history: await drafts.history(actorOf(res), id(req)) });
  }));
  router.get('/drafts/:id/diff', route(async (req, res) => {
    const q = parse(z.object({ from: z.coerce.number().int().positive().default(1), to: z.coerce.number().int().positive().optional() }), req.query);
    res.json(await drafts.diff(actorOf(res), id(req), q.from, q.to));
  }));
  router.post('/drafts/:id/submit', route(async (req, res) => {
    res.json(await drafts.submit(actorOf(res), id(req), parse(expected, req.body).expected_version));
  }));
  router.post('/drafts/:id/review', route(async (req, res) => {
    res.json(await drafts.review(actorOf(res), id(req), req.body as Parameters<typeof drafts.review>[2]));
  }));
  router.post('/drafts/:id/publish', route(async (req, res) => {
    res.json(await drafts.publish(actorOf(res), id(req), req.body as Parameters<typeof drafts.publish>[2]));
  }));
  // Authors and reviewers are stored by id; the user list itself is for admins (roles, lockouts), so
  // the press office gets only the names of its own units' people.
  router.get('/people', route(async (_req, res) => {
    const actor = actorOf(res);
    const people = (await directory.users()).filter((u) => actor.unitIds.has(u.unit_id)).map((u) => ({ id: u.id, display_name: u.display_name, unit_id: u.unit_id }));
    res.json({ people });
  }));

  // ---- Q&A ----
  router.get('/qa', route(async (req, res) => {
    const q = parse(z.object({ q: z.string().max(1000).optional(), category: z.string().optional(), include_expired: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(500).default(50) }), req.query);
    const actor = actorOf(res);
    const includeExpired = q.include_expired === 'true';
    if (q.q) res.json({ hits: await qa.search(actor, q.q, { limit: q.limit, includeExpired, ...(q.category ? { category: q.category } : {}) }) });
    else res.json({ entries: (await qa.list(actor, { includeExpired, ...(q.category ? { category: q.category } : {}) })).slice(0, q.limit) });
  }));
  router.post('/qa', route(async (req, res) => {
    const actor = actorOf(res);
    res.status(201).json(await qa.save(actor, undefined, { unit_id: actor.unit_id, ...(req.body as object) } as Parameters<typeof qa.save>[2]));
  }));
  router.get('/qa/export', route(async (_req, res) => {
    const text = await qa.exportCsv(actorOf(res));
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="fenghuo-qa.csv"');
    res.send(text);
  }));
  router.post('/qa/import', express.text({ type: () => true, limit: '20mb' }), route(async (req, res) => {
    const actor = actorOf(res);
    const text = typeof req.body === 'string' ? req.body : '';
    const r = await qa.importCsv(actor, text, actor.unit_id);
    res.status(r.errors.length && !r.imported ? 400 : 200).json(r);
  }));
  router.get('/qa/:id', route(async (req, res) => {
    res.json(await qa.get(actorOf(res), id(req)));
  }));
  router.put('/qa/:id', route(async (req, res) => {
    res.json(await qa.save(actorOf(res), id(req), req.body as Parameters<typeof qa.save>[2]));
  }));
  router.delete('/qa/:id', route(async (req, res) => {
    await qa.remove(actorOf(res), id(req));
    res.status(204).end();
  }));

  // ---- replies ----
  router.get('/replies', route(async (req, res) => {
    const q = parse(z.object({ status: z.enum(['open', 'answered', 'closed', 'overdue']).optional(), unit: z.string().optional(), from: time.optional(), to: time.optional() }), req.query);
    res.json({ replies: await replies.list(actorOf(res), { ...(q.status ? { status: q.status } : {}), ...(q.unit ? { unit_id: q.unit } : {}), ...(q.from !== undefined ? { from: q.from } : {}), ...(q.to !== undefined ? { to: q.to } : {}) }) });
  }));
  router.get('/replies/stats', route(async (req, res) => {
    const q = parse(z.object({ from: time.optional(), to: time.optional() }), req.query);
    const to = q.to ?? workflow.ctx.now();
    res.json({ units: await replies.stats(actorOf(res), q.from ?? to - 30 * DAY, to) });
  }));
  router.get('/replies/:id', route(async (req, res) => {
    const actor = actorOf(res);
    const item = await replies.get(actor, id(req));
    res.json({ ...item, suggestions: await qa.suggest(actor, item.text, 3) });
  }));
  router.post('/replies/:id/answer', route(async (req, res) => {
    res.json(await replies.answer(actorOf(res), id(req), req.body as Parameters<typeof replies.answer>[2]));
  }));
  router.post('/replies/:id/close', route(async (req, res) => {
    const b = parse(z.object({ expected_version: z.number().int().nonnegative(), reason: z.string().trim().min(1).max(500) }), req.body);
    res.json(await replies.close(actorOf(res), id(req), b.expected_version, b.reason));
  }));

  // ---- administration ----
  router.get('/units', route(async (_req, res) => {
    res.json({ units: await directory.units() });
  }));
  router.post('/units', route(async (req, res) => {
    res.status(201).json(await directory.createUnit(actorOf(res), req.body as Parameters<typeof directory.createUnit>[1]));
  }));
  router.put('/units/:id', route(async (req, res) => {
    res.json(await directory.updateUnit(actorOf(res), id(req), req.body as Parameters<typeof directory.updateUnit>[2]));
  }));
  router.get('/users', route(async (_req, res) => {
    res.json({ users: await directory.users() });
  }));
  router.post('/users', route(async (req, res) => {
    res.status(201).json(await directory.createUser(actorOf(res), req.body as Parameters<typeof directory.createUser>[1]));
  }));
  router.patch('/users/:id', route(async (req, res) => {
    const user = await directory.updateUser(actorOf(res), id(req), req.body as Parameters<typeof directory.updateUser>[2]);
    if (user.disabled) await sessions.revokeUser(user.id);
    res.json(user);
  }));
  router.post('/users/:id/password', route(async (req, res) => {
    const b = parse(z.object({ password: z.string().min(1) }), req.body);
    await directory.setPassword(actorOf(res), id(req), b.password);
    await sessions.revokeUser(id(req));
    res.status(204).end();
  }));
  router.get('/accounts', route(async (_req, res) => {
    // Like the governance overview and the CSV export: the accounts of one's own units.
    const actor = actorOf(res);
    res.json({ accounts: (await directory.accounts()).filter((a) => seesUnit(actor, a.unit_id)) });
  }));
  router.post('/accounts', route(async (req, res) => {
    res.status(201).json(await directory.saveAccount(actorOf(res), undefined, req.body as Parameters<typeof directory.saveAccount>[2]));
  }));
  router.put('/accounts/:id', route(async (req, res) => {
    res.json(await directory.saveAccount(actorOf(res), id(req), req.body as Parameters<typeof directory.saveAccount>[2]));
  }));
  router.delete('/accounts/:id', route(async (req, res) => {
    await directory.removeAccount(actorOf(res), id(req));
    res.status(204).end();
  }));
  router.get('/tokens', route(async (_req, res) => {
    res.json({ tokens: await directory.tokens() });
  }));
  router.post('/tokens', route(async (req, res) => {
    const b = parse(z.object({ source: z.string(), name: z.string().max(100).default('') }), req.body);
    res.status(201).json(await directory.createToken(actorOf(res), b.source, b.name));
  }));
  router.delete('/tokens/:id', route(async (req, res) => {
    res.json(await directory.revokeToken(actorOf(res), id(req)));
  }));
  const auditQuery = z.object({ from: time.optional(), to: time.optional(), actor: z.string().optional(), object_type: z.string().optional(), object_id: z.string().optional(), action: z.string().optional(), limit: z.coerce.number().int().min(1).max(100_000).default(500) });
  const auditFilter = (q: z.output<typeof auditQuery>) => ({
    limit: q.limit,
    ...(q.from !== undefined ? { from: q.from } : {}),
    ...(q.to !== undefined ? { to: q.to } : {}),
    ...(q.actor ? { actor: q.actor } : {}),
    ...(q.object_type ? { objectType: q.object_type } : {}),
    ...(q.object_id ? { objectId: q.object_id } : {}),
    ...(q.action ? { action: q.action } : {}),
  });
  router.get('/audit', route(async (req, res) => {
    res.json({ entries: await workflow.audit.list(auditFilter(parse(auditQuery, req.query))) });
  }));
  router.get('/audit/export', route(async (req, res) => {
    const actor = actorOf(res);
    const q = parse(auditQuery, { limit: 100_000, ...req.query });
    const entries = await workflow.audit.list(auditFilter(q));
    // Exporting the log is itself a state change worth recording.
    await workflow.audit.append({ at: workflow.ctx.now(), actor: actor.id, actor_name: actor.name, action: 'audit.export', object_type: 'audit', object_id: '*', ip: clientIp(req), detail: `${entries.length} entries` });
    const cols = ['at', 'actor', 'actor_name', 'action', 'object_type', 'object_id', 'ip', 'detail', 'before', 'after'] as const;
    const lines = [cols.join(','), ...entries.map((e) => cols.map((c) => csvCell(c === 'at' ? new Date(e.at).toISOString() : e[c])).join(','))];
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="fenghuo-audit.csv"');
    res.send(`\ufeff${lines.join('\r\n')}\r\n`);
  }));
  return router;
}
