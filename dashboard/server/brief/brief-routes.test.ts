import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workflow } from '@fenghuo/analytics';
import { createBriefRoutes } from './brief-routes';
import type { BriefService } from './brief-service';
import { BriefRenderError, ChromiumMissingError, createBriefRenderer, RendererBusyError } from './pdf-renderer';

/** The routes with a service whose renderer fails as told, behind a stand-in for the auth middleware. */
let failure: Error = new ChromiumMissingError();
const service = {
  defaultDate: () => '2026-11-26',
  renderForSession: async () => {
    throw failure;
  },
} as unknown as BriefService;

let server: http.Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use((_req, res, next) => {
    res.locals.actor = { id: 'u', name: 'u', roles: ['viewer'], unit_id: 'x', unitIds: new Set(['x']) };
    res.locals.sessionToken = 'token';
    next();
  });
  app.use('/api/v1', createBriefRoutes(service, {} as Workflow));
  app.use(((error, _req, res, _next) => res.status(error.status ?? 500).json({ error: error.message })) as express.ErrorRequestHandler);
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((r) => server.close(r)));

describe('the PDF route when rendering cannot happen', () => {
  it('no Chromium: 503 saying how to install one', async () => {
    failure = new ChromiumMissingError();
    const res = await fetch(`${base}/api/v1/brief.pdf?date=2026-11-26`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: string };
    expect(body.error).toContain('apt-get install chromium');
    expect(body.error).toContain('FENGHUO_CHROMIUM');
  });

  it('too many renders at once: 503 with Retry-After', async () => {
    failure = new RendererBusyError('2 briefs are being rendered and 8 wait; try again in a minute');
    const res = await fetch(`${base}/api/v1/brief.pdf?date=2026-11-26`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
  });

  it('refuses a language the page does not have', async () => {
    const res = await fetch(`${base}/api/v1/brief.pdf?date=2026-11-26&lang=fr`);
    expect(res.status).toBe(400);
  });

  it('the page could not show the brief: 502 with its reason', async () => {
    failure = new BriefRenderError('the brief page did not get ready within 30000 ms');
    const res = await fetch(`${base}/api/v1/brief.pdf`);
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: string }).error).toMatch(/did not get ready/);
  });
});

describe('the renderer without a Chromium', () => {
  it.each([
    [undefined, /on PATH/],
    ['/nonexistent/chromium', /FENGHUO_CHROMIUM=\/nonexistent\/chromium/],
  ])('configured %s: ChromiumMissingError', async (configured, message) => {
    const renderer = createBriefRenderer({ ...(configured ? { chromium: configured } : {}), find: () => undefined });
    const attempt = renderer.render({ baseUrl: 'http://127.0.0.1:1', date: '2026-11-26', timezone: 'Asia/Shanghai', source: { kind: 'session', cookieName: 'c', cookieValue: 'v' } });
    await expect(attempt).rejects.toBeInstanceOf(ChromiumMissingError);
    await expect(attempt).rejects.toThrow(message);
    await renderer.close();
  });
});
