import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareWebApp, type WebApp } from './serve-app';

/** An express app with the browser app mounted, then an API 404 like the real one. */
async function serve(web: WebApp): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.get('/api/v1/ping', (_req, res) => void res.json({ ok: true }));
  web.mount(app);
  app.use('/api', (_req, res) => void res.status(404).json({ error: 'no such API route' }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

describe('serving the browser app', () => {
  describe('static build', () => {
    let dist: string;
    let s: Awaited<ReturnType<typeof serve>>;
    beforeAll(async () => {
      dist = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-dist-'));
      fs.mkdirSync(path.join(dist, 'assets'));
      fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html><head><title>x</title></head><body><div id="root"></div></body></html>');
      fs.writeFileSync(path.join(dist, 'assets', 'app-1.js'), 'console.log(1)');
      fs.mkdirSync(path.join(dist, 'm'));
      fs.writeFileSync(path.join(dist, 'm', 'index.html'), '<!doctype html><html><head><title>phone</title></head><body><div id="root"></div></body></html>');
      fs.writeFileSync(path.join(dist, 'm', 'sw.js'), 'self.addEventListener("fetch", () => {})');
      s = await serve(await prepareWebApp('static', 'Asia/Shanghai', { dist }));
    });
    afterAll(async () => {
      await s.close();
      fs.rmSync(dist, { recursive: true, force: true });
    });

    it.each(['/', '/wall', '/events/e1', '/brief'])('answers the app path %s with index.html, its settings and a strict CSP', async (p) => {
      const res = await fetch(s.url + p);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
      const html = await res.text();
      expect(html).toContain('<meta name="fenghuo-config" content="{&quot;timeZone&quot;:&quot;Asia/Shanghai&quot;}">');
      expect(html).not.toMatch(/<script>/);
    });

    it.each([
      ['/m/', 'phone'],
      ['/m/review/draft-1', 'phone'],
      ['/m', 'phone'],
      ['/review', 'x'],
      ['/mobile', 'x'],
    ])('answers %s with the page of its app (phone view under /m/)', async (p, title) => {
      const res = await fetch(s.url + p);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
      const html = await res.text();
      expect(html).toContain(`<title>${title}</title>`);
      expect(html).toContain('fenghuo-config');
    });

    it('serves the phone view’s service worker as a script from /m/ (its scope)', async () => {
      const res = await fetch(`${s.url}/m/sw.js`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/javascript/);
      expect(res.headers.get('cache-control')).not.toMatch(/immutable/);
    });

    it('serves hashed assets for a year and answers a missing one 404, not with the app', async () => {
      const ok = await fetch(`${s.url}/assets/app-1.js`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('cache-control')).toMatch(/immutable/);
      expect((await fetch(`${s.url}/assets/nope.js`)).status).toBe(404);
    });

    it('leaves API paths to the API', async () => {
      expect(await (await fetch(`${s.url}/api/v1/ping`)).json()).toEqual({ ok: true });
      const missing = await fetch(`${s.url}/api/v1/nope`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: 'no such API route' });
    });
  });

  it('says how to build it when the build is missing', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-dist-'));
    const s = await serve(await prepareWebApp('static', 'Asia/Shanghai', { dist: empty }));
    try {
      const res = await fetch(`${s.url}/wall`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('pnpm fenghuo build-dashboard');
    } finally {
      await s.close();
    }
  });

  it('runs Vite’s dev server inside the process in development', async () => {
    const web = await prepareWebApp('dev', 'Asia/Shanghai');
    const s = await serve(web);
    try {
      const html = await (await fetch(`${s.url}/wall`)).text();
      expect(html).toContain('/@vite/client');
      expect(html).toContain('/src/main.tsx');
      const phone = await (await fetch(`${s.url}/m/alerts`)).text();
      expect(phone).toContain('/src/mobile/main.tsx');
      expect(phone).not.toContain('/src/main.tsx');
      const main = await fetch(`${s.url}/src/main.tsx`);
      expect(main.status).toBe(200);
      expect(await main.text()).toMatch(/createRoot/);
      expect((await fetch(`${s.url}/api/v1/nope`)).status).toBe(404);
    } finally {
      await s.close();
      await web.close();
    }
  }, 60_000);

  it('serves nothing with the app off', async () => {
    const s = await serve(await prepareWebApp('off', 'Asia/Shanghai'));
    try {
      expect((await fetch(`${s.url}/wall`)).status).toBe(404);
    } finally {
      await s.close();
    }
  });
});
