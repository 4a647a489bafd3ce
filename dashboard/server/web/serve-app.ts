import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { APP_DIST, APP_ROOT } from './app-build';

/**
 * The browser app at `/`: the production build with a fallback to
 * index.html for the app's own paths (/wall, /events/…), or Vite's dev
 * server inside this process in development. API, health and metrics paths
 * are never answered with the app.
 */
export interface WebApp {
  /** Adds the app's routes (before the API's 404 and error handlers). */
  mount(app: Express): void;
  close(): Promise<void>;
}

/** What every page of the app must not be allowed to do, even if some text slipped through as HTML. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'";

export async function prepareWebApp(mode: 'static' | 'dev' | 'off', timeZone: string, options: { dist?: string } = {}): Promise<WebApp> {
  if (mode === 'off') return { mount: () => {}, close: async () => {} };
  const isApp = (p: string) => !p.startsWith('/api/') && p !== '/healthz' && p !== '/metrics';
  // Settings the page reads at start, as a meta tag: no inline script, so the CSP can forbid them all.
  const config = `<meta name="fenghuo-config" content="${JSON.stringify({ timeZone }).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}">`;
  if (mode === 'dev') {
    const { createServer } = await import('vite');
    const vite = await createServer({ configFile: path.join(APP_ROOT, 'vite.config.ts'), server: { middlewareMode: true }, appType: 'custom' });
    return { mount: (app) => mountDev(app, vite, isApp, config), close: () => vite.close() };
  }
  return { mount: (app) => mountStatic(app, isApp, config, options.dist ?? APP_DIST), close: async () => {} };
}

/** The phone view (`/m`, `/m/…`) is its own page with its own small entry; every other app path is the desktop app. */
export function htmlFor(p: string): string {
  return p === '/m' || p.startsWith('/m/') ? path.join('m', 'index.html') : 'index.html';
}

function mountDev(app: Express, vite: import('vite').ViteDevServer, isApp: (p: string) => boolean, config: string): void {
    // Vite's dev page needs inline scripts (React refresh) and its HMR socket: development only runs without the app's CSP.
    app.use((req, res, next) => {
      if (isApp(req.path)) res.removeHeader('Content-Security-Policy');
      next();
    });
    app.use(vite.middlewares);
    app.use(async (req, res, next) => {
      if (req.method !== 'GET' || !isApp(req.path)) return next();
      try {
        const raw = fs.readFileSync(path.join(APP_ROOT, htmlFor(req.path)), 'utf8');
        const html = await vite.transformIndexHtml(req.originalUrl, raw.replace('</head>', `${config}</head>`));
        res.status(200).type('html').send(html);
      } catch (error) {
        next(error);
      }
    });
}

function mountStatic(app: Express, isApp: (p: string) => boolean, config: string, dist: string): void {
  app.use('/assets', express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  // The phone view's service worker (m/sw.js) runs under the CSP of its own script: the app's, so it may fetch from this origin.
  app.use(express.static(dist, { index: false, setHeaders: (res) => res.setHeader('Content-Security-Policy', CSP) }));
  app.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !isApp(req.path)) return next();
    const index = path.join(dist, htmlFor(req.path));
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain; charset=utf-8').send('The dashboard is not built: run `pnpm fenghuo build-dashboard` (pnpm fenghuo start does it when needed).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Security-Policy', CSP);
    res.type('html').send(fs.readFileSync(index, 'utf8').replace('</head>', `${config}</head>`));
  });
}
