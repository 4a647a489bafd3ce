import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { DailyBrief, SessionInfo } from '@fenghuo/shared';
import { CHROMIUM_FLAGS, findChromium } from '../web/chromium';

/** No Chromium on this machine: the PDF cannot be made (503, with how to install one). */
export class ChromiumMissingError extends Error {
  override name = 'ChromiumMissingError';
  readonly status = 503;
  constructor(configured?: string) {
    super(
      configured
        ? `no Chromium at FENGHUO_CHROMIUM=${configured}: install it (apt-get install chromium) or point FENGHUO_CHROMIUM at a Chromium or Chrome executable`
        : 'no headless Chromium found on PATH (chromium, chromium-browser, google-chrome): install it (apt-get install chromium) or set FENGHUO_CHROMIUM to its path',
    );
  }
}

/** Too many PDFs asked for at once: the caller may try again shortly (503). */
export class RendererBusyError extends Error {
  override name = 'RendererBusyError';
  readonly status = 503;
}

/** The page said it could not show the brief (its own error text), or did not get ready in time. */
export class BriefRenderError extends Error {
  override name = 'BriefRenderError';
}

export type RenderSource =
  /** The caller's own session: the page fetches the brief as that user. */
  | { kind: 'session'; cookieName: string; cookieValue: string }
  /**
   * Data computed in this process (the scheduled brief, as the system): the
   * page's API calls are answered from it inside the browser, so no
   * credential is minted and nothing else of the API is reachable.
   */
  | { kind: 'data'; brief: DailyBrief; session: SessionInfo };

export interface RenderRequest {
  /** Where this server answers, e.g. http://127.0.0.1:8080. */
  baseUrl: string;
  date: string;
  source: RenderSource;
  timezone: string;
  /** The page's language (Chinese unless asked). */
  lang?: 'zh' | 'en';
  /**
   * Another page of the app to print instead of the brief (the monthly
   * governance report): its path with query, and the data attribute it sets
   * to "ready" or "error". Session source only.
   */
  page?: { path: string; stateAttribute: string };
}

export interface BriefRenderer {
  /** Renders /brief?date=… to an A4 PDF. Throws ChromiumMissingError or BriefRenderError. */
  render(request: RenderRequest): Promise<Buffer>;
  close(): Promise<void>;
}

export interface BriefRendererOptions {
  /** FENGHUO_CHROMIUM; PATH is searched when unset. */
  chromium?: string;
  /** Renders at once; more wait their turn (each page is a renderer process). */
  maxConcurrent?: number;
  /** Renders that may wait for a turn; beyond them a request is refused (RendererBusyError). */
  maxQueued?: number;
  timeoutMs?: number;
  /** Finds the executable (tests). */
  find?: (configured?: string) => string | undefined;
  /** Starts the browser (tests give a stand-in). */
  launch?: (executablePath: string) => Promise<Browser>;
  /** The browser is closed after this long without a render (a daily job should not keep ~200 MB for the day); 0 keeps it. */
  idleCloseMs?: number;
}

/**
 * Headless Chromium for the daily brief: one browser per process, launched
 * on the first render, closed when idle for a while and with the runtime;
 * a fresh context per render (its own cookies), at most `maxConcurrent` at
 * a time.
 */
export function createBriefRenderer(options: BriefRendererOptions = {}): BriefRenderer {
  const maxConcurrent = Math.max(1, options.maxConcurrent ?? 2);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const find = options.find ?? findChromium;
  const maxQueued = Math.max(0, options.maxQueued ?? 8);
  const launch = options.launch ?? ((executablePath: string) => chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS], headless: true }));
  const idleCloseMs = options.idleCloseMs ?? 10 * 60_000;
  let browser: Promise<Browser> | undefined;
  let closed = false;
  let idleTimer: NodeJS.Timeout | undefined;
  const closeBrowser = async () => {
    const b = browser;
    browser = undefined;
    if (b) await (await b.catch(() => undefined))?.close().catch(() => {});
  };
  let running = 0;
  const waiting: (() => void)[] = [];

  const acquire = async () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = undefined;
    if (running < maxConcurrent) {
      running++;
      return;
    }
    if (waiting.length >= maxQueued) throw new RendererBusyError(`${running} briefs are being rendered and ${waiting.length} wait; try again in a minute`);
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
    if (running === 0 && idleCloseMs > 0 && !closed) {
      idleTimer = setTimeout(() => {
        idleTimer = undefined;
        if (running === 0) void closeBrowser();
      }, idleCloseMs);
      idleTimer.unref?.();
    }
  };

  const getBrowser = (): Promise<Browser> => {
    if (!browser) {
      const executablePath = find(options.chromium);
      if (!executablePath) return Promise.reject(new ChromiumMissingError(options.chromium));
      const launching = launch(executablePath);
      browser = launching;
      launching.then(
        // A browser that crashed is launched again on the next render.
        (b) => b.on('disconnected', () => {
          if (browser === launching) browser = undefined;
        }),
        () => {
          if (browser === launching) browser = undefined;
        },
      );
    }
    return browser;
  };

  async function renderIn(context: BrowserContext, request: RenderRequest): Promise<Buffer> {
    const { source, baseUrl } = request;
    if (source.kind === 'session') {
      await context.addCookies([{ name: source.cookieName, value: source.cookieValue, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    } else {
      await context.route(`${baseUrl}/api/**`, async (route) => {
        const path = new URL(route.request().url()).pathname;
        if (route.request().method() !== 'GET') return route.fulfill({ status: 403, json: { error: 'read-only rendering' } });
        if (path === '/api/v1/session') return route.fulfill({ json: source.session });
        if (path === '/api/v1/brief') return route.fulfill({ json: source.brief });
        return route.fulfill({ status: 404, json: { error: 'not available while rendering the brief' } });
      });
    }
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    const lang = request.lang === 'en' ? '&lang=en' : '';
    const attr = request.page?.stateAttribute ?? 'data-brief-state';
    const target = request.page ? `${baseUrl}${request.page.path}` : `${baseUrl}/brief?date=${encodeURIComponent(request.date)}${lang}`;
    const response = await page.goto(target, { waitUntil: 'domcontentloaded' });
    // A page this server does not serve (no built dashboard, FENGHUO_DASHBOARD=off) fails now, not after the timeout.
    if (response && !response.ok()) {
      throw new BriefRenderError(`the page to print answered ${response.status()}: this server does not serve the dashboard pages (build them, and leave FENGHUO_DASHBOARD on)`);
    }
    const ready = page.locator(`[${attr}="ready"], [${attr}="error"]`).first();
    try {
      await ready.waitFor({ state: 'attached', timeout: timeoutMs });
    } catch {
      throw new BriefRenderError(`the brief page did not get ready within ${timeoutMs} ms`);
    }
    if ((await ready.getAttribute(attr)) === 'error') {
      throw new BriefRenderError(`the brief page could not show the brief: ${(await ready.innerText()).trim().slice(0, 300)}`);
    }
    // Fonts (CJK) finish loading before layout is frozen into the PDF.
    await page.evaluate('document.fonts.ready.then(() => true)');
    await page.emulateMedia({ media: 'print' });
    return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  }

  return {
    async render(request) {
      if (closed) throw new BriefRenderError('the renderer is closed');
      await acquire();
      try {
        const b = await getBrowser();
        const context = await b.newContext({ locale: request.lang === 'en' ? 'en-GB' : 'zh-CN', timezoneId: request.timezone, viewport: { width: 794, height: 1123 } });
        try {
          return await renderIn(context, request);
        } finally {
          await context.close().catch(() => {});
        }
      } finally {
        release();
      }
    },
    async close() {
      closed = true;
      if (idleTimer) clearTimeout(idleTimer);
      await closeBrowser();
    },
  };
}
