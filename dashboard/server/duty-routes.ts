import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { ESCALATION_SUBJECT_KINDS, SHIFT_KIND_LABELS, type DutyPerson, type Roster } from '@fenghuo/shared';
import { escapeHtml, NotFoundError, seesUnit, type Actor, type duty as dutyModule } from '@fenghuo/analytics';
import { actorOf } from './auth/auth-middleware';
import { parse, route, time } from './route-helpers';

export interface DutyRoutesDeps {
  duty: dutyModule.Duty;
}

const unitParam = (v: unknown) => parse(z.string().min(1).max(64), v);

/** A roster as the API shows it: robot secrets are never sent back, only whether one is set. */
function publicRoster(r: Roster): Roster & { people: (DutyPerson & { secret_set?: boolean })[] } {
  return { ...r, people: r.people.map(({ channel: { secret, ...channel }, ...p }) => ({ ...p, channel, ...(secret ? { secret_set: true } : {}) })) };
}

/** A saved person without a secret keeps the one stored for the same person and robot URL (the form never sees it). */
function keepSecrets(input: unknown, current: Roster | undefined): unknown {
  if (!current || typeof input !== 'object' || input === null || !Array.isArray((input as { people?: unknown }).people)) return input;
  const people = (input as { people: unknown[] }).people.map((p) => {
    if (typeof p !== 'object' || p === null) return p;
    const person = p as { id?: unknown; channel?: { url?: unknown; secret?: unknown }; secret_set?: unknown };
    const { secret_set: _s, ...rest } = person;
    const stored = current.people.find((x) => x.id === person.id);
    if (!person.channel || person.channel.secret || !stored?.channel.secret || stored.channel.url !== person.channel.url) return rest;
    return { ...rest, channel: { ...person.channel, secret: stored.channel.secret } };
  });
  return { ...(input as object), people };
}

function requireSees(actor: Actor, unitId: string): void {
  if (!seesUnit(actor, unitId)) throw new NotFoundError(`no unit ${unitId}`);
}

const ACK_TEXT = {
  ready: ['确认收到值班呼叫', 'Acknowledge this duty page'],
  acknowledged: ['已确认，升级已停止', 'Acknowledged: the escalation has stopped'],
  already_used: ['此链接已使用：该呼叫已被确认', 'This link was already used: the page has been acknowledged'],
  ended: ['该呼叫已结束（已解除或无人确认），无需确认', 'This page has ended (resolved or unanswered); nothing to acknowledge'],
  expired: ['此确认链接已过期，请登录系统处理', 'This link has expired; please sign in to the system'],
  invalid: ['无效的确认链接', 'This acknowledgement link is not valid'],
} as const;

/** The small page the link opens: what is paged and a confirm button (a GET never acknowledges, so link previews do nothing). */
function ackPage(answer: dutyModule.AckLinkAnswer, token: string): string {
  const [zh, en] = ACK_TEXT[answer.status];
  const e = 'escalation' in answer ? answer.escalation : undefined;
  const facts = e
    ? `<p class="subject">${escapeHtml(e.subject.title)}</p><p>${escapeHtml(e.subject.severity)} · ${e.shift ? escapeHtml(SHIFT_KIND_LABELS[e.shift.kind]) : ''}</p>` +
      (e.acknowledged ? `<p data-ack-by>${escapeHtml(e.acknowledged.by)} · ${new Date(e.acknowledged.at).toISOString()}</p>` : '')
    : '';
  const button =
    answer.status === 'ready'
      ? `<form method="post" action="/api/v1/duty/ack/${encodeURIComponent(token)}"><p>${escapeHtml(answer.person)}</p><button type="submit">确认收到 / Acknowledge</button></form>`
      : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>烽火 值班确认</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}button{font-size:1.2rem;padding:.6rem 1.4rem}.subject{font-weight:600}</style></head>
<body><h1 data-status="${answer.status}">${escapeHtml(zh)}</h1><p lang="en">${escapeHtml(en)}</p>${facts}${button}</body></html>`;
}

function sendAckPage(res: Response, answer: dutyModule.AckLinkAnswer, token: string): void {
  const status = answer.status === 'invalid' ? 404 : answer.status === 'expired' ? 410 : answer.status === 'already_used' || answer.status === 'ended' ? 409 : 200;
  res.status(status).setHeader('Cache-Control', 'no-store');
  // No script at all; its own style block; the confirm button posts back here.
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  res.type('html').send(ackPage(answer, token));
}

/**
 * Duty rosters (read: responders and admins, who need the phone numbers;
 * write: admins, as rosters carry robot webhooks like the channels do), who
 * is on duty now (everyone), the escalation report, in-app acknowledgement
 * and the public acknowledgement link.
 */
export function createDutyRoutes(deps: DutyRoutesDeps): Router {
  const router = express.Router();
  const { duty } = deps;

  router.get('/duty/now', route(async (_req, res) => {
    const actor = actorOf(res);
    res.json({ on_duty: await duty.onDutyNow(actor.unitIds) });
  }));
  router.get('/duty/rosters', route(async (_req, res) => {
    res.json({ rosters: (await duty.rosters(actorOf(res).unitIds)).map(publicRoster) });
  }));
  router.get('/duty/rosters/:unit/export', route(async (req, res) => {
    const unit = unitParam(req.params.unit);
    requireSees(actorOf(res), unit);
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="fenghuo-roster-${unit}.csv"`);
    res.send(await duty.exportShifts(unit));
  }));
  router.get('/duty/rosters/:unit', route(async (req, res) => {
    const unit = unitParam(req.params.unit);
    requireSees(actorOf(res), unit);
    const r = await duty.roster(unit);
    if (!r) throw new NotFoundError(`no roster for unit ${unit}`);
    res.json(publicRoster(r));
  }));
  router.put('/duty/rosters/:unit', express.json({ limit: '2mb' }), route(async (req, res) => {
    const unit = unitParam(req.params.unit);
    const actor = actorOf(res);
    requireSees(actor, unit);
    const b = parse(z.object({ expected_version: z.number().int().nonnegative(), roster: z.unknown() }), req.body);
    const saved = await duty.saveRoster(actor, unit, b.expected_version, keepSecrets(b.roster, await duty.roster(unit)));
    res.json(publicRoster(saved));
  }));
  router.post('/duty/rosters/:unit/import', express.text({ type: () => true, limit: '5mb' }), route(async (req, res) => {
    const unit = unitParam(req.params.unit);
    const actor = actorOf(res);
    requireSees(actor, unit);
    const q = parse(z.object({ expected_version: z.coerce.number().int().nonnegative() }), req.query);
    const r = await duty.importShifts(actor, unit, q.expected_version, typeof req.body === 'string' ? req.body : '');
    res.status(r.errors.length ? 400 : 200).json(r.roster ? { ...r, roster: publicRoster(r.roster) } : r);
  }));
  router.get('/duty/settings', route(async (_req, res) => {
    res.json(await duty.settings());
  }));
  router.put('/duty/settings', express.json({ limit: '100kb' }), route(async (req, res) => {
    const b = parse(z.object({ expected_version: z.number().int().nonnegative(), settings: z.unknown() }), req.body);
    res.json(await duty.saveSettings(actorOf(res), b.expected_version, b.settings));
  }));
  router.get('/duty/report', route(async (req, res) => {
    const now = Date.now();
    const q = parse(z.object({ from: time.optional(), to: time.optional(), format: z.enum(['json', 'csv']).default('json') }), req.query);
    const report = await duty.report(q.from ?? now - 30 * 86_400_000, q.to ?? now + 1, actorOf(res).unitIds);
    if (q.format === 'csv') {
      res.type('text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="fenghuo-escalations.csv"');
      res.send(duty.reportCsv(report));
      return;
    }
    res.json(report);
  }));
  const subjectRef = (params: Record<string, unknown>) => parse(z.object({ kind: z.enum(ESCALATION_SUBJECT_KINDS), id: z.string().min(1).max(200) }), params);
  router.get('/incidents/:id/escalations', route(async (req, res) => {
    const actor = actorOf(res);
    const escalations = await duty.incidentEscalations(String(req.params.id));
    res.json({ escalations: escalations.filter((e) => seesUnit(actor, e.subject.unit_id)) });
  }));
  router.get('/duty/escalations/:kind/:id', route(async (req, res) => {
    const e = await duty.getEscalation(subjectRef(req.params));
    if (!e || !seesUnit(actorOf(res), e.subject.unit_id)) throw new NotFoundError('no escalation for this subject');
    res.json(e);
  }));
  router.post('/duty/escalations/:kind/:id/ack', route(async (req, res) => {
    const ref = subjectRef(req.params);
    const actor = actorOf(res);
    const e = await duty.getEscalation(ref);
    if (!e || !seesUnit(actor, e.subject.unit_id)) throw new NotFoundError('no escalation for this subject');
    res.json((await duty.acknowledgeEscalation(ref, { name: actor.name, id: actor.id, via: 'app' })) ?? e);
  }));

  // Public: the signed link is the credential.
  router.get('/duty/ack/:token', route(async (req, res) => {
    const token = String(req.params.token);
    sendAckPage(res, await duty.links.peek(token), token);
  }));
  router.post('/duty/ack/:token', route(async (req, res) => {
    const token = String(req.params.token);
    sendAckPage(res, await duty.links.use(token), token);
  }));
  return router;
}
