import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { DailyBrief, SessionInfo } from '@fenghuo/shared';
import { BriefRenderError, createBriefRenderer, RendererBusyError, type RenderRequest } from './pdf-renderer';

/** A stand-in for Chromium that records what the renderer asks of it. */
function fakeChromium(options: { pageState?: 'ready' | 'error'; gate?: Promise<void>; status?: number } = {}) {
  const log = { launches: 0, contexts: 0, closedContexts: 0, active: 0, maxActive: 0, gotos: [] as string[], cookies: [] as unknown[], routes: [] as { pattern: string; handler: (route: unknown) => Promise<unknown> }[], pdfOptions: [] as unknown[], media: [] as unknown[], browserClosed: 0 };
  let onDisconnect: (() => void) | undefined;
  const browser = {
    on: (event: string, fn: () => void) => {
      if (event === 'disconnected') onDisconnect = fn;
    },
    close: async () => void log.browserClosed++,
    newContext: async () => {
      log.contexts++;
      return {
        addCookies: async (c: unknown[]) => void log.cookies.push(...c),
        route: async (pattern: string, handler: (route: unknown) => Promise<unknown>) => void log.routes.push({ pattern, handler }),
        close: async () => void log.closedContexts++,
        newPage: async () => ({
          setDefaultTimeout: () => {},
          goto: async (url: string) => {
            log.gotos.push(url);
            return options.status === undefined ? null : { ok: () => options.status! < 400, status: () => options.status };
          },
          locator: () => ({
            first: () => ({
              waitFor: async () => {},
              getAttribute: async () => options.pageState ?? 'ready',
              innerText: async () => '无法生成简报：date: expected a calendar date',
            }),
          }),
          evaluate: async () => true,
          emulateMedia: async (m: unknown) => void log.media.push(m),
          pdf: async (o: unknown) => {
            log.active++;
            log.maxActive = Math.max(log.maxActive, log.active);
            await options.gate;
            log.active--;
            log.pdfOptions.push(o);
            return Buffer.from('%PDF-1.4 fake');
          },
        }),
      };
    },
  };
  return {
    log,
    disconnect: () => onDisconnect?.(),
    launch: async () => {
      log.launches++;
      return browser as unknown as Browser;
    },
  };
}

const request = (date = '2026-11-26'): RenderRequest => ({ baseUrl: 'http://127.0.0.1:8080', date, timezone: 'Asia/Shanghai', source: { kind: 'session', cookieName: 'fenghuo_session', cookieValue: 'tok' } });

describe('the brief renderer', () => {
  it('launches one browser on the first render and reuses it; each render has its own context with the caller’s cookie', async () => {
    const fake = fakeChromium();
    const renderer = createBriefRenderer({ find: () => '/usr/bin/chromium', launch: fake.launch });
    expect(fake.log.launches).toBe(0);
    const pdfs = await Promise.all([renderer.render(request('2026-11-25')), renderer.render(request('2026-11-26'))]);
    await renderer.render(request());
    expect(pdfs[0]!.subarray(0, 4).toString()).toBe('%PDF');
    expect(fake.log).toMatchObject({ launches: 1, contexts: 3, closedContexts: 3 });
    expect(fake.log.gotos).toEqual(['http://127.0.0.1:8080/brief?date=2026-11-25', 'http://127.0.0.1:8080/brief?date=2026-11-26', 'http://127.0.0.1:8080/brief?date=2026-11-26']);
    expect(fake.log.cookies[0]).toMatchObject({ name: 'fenghuo_session', value: 'tok', url: 'http://127.0.0.1:8080', httpOnly: true });
    expect(fake.log.pdfOptions[0]).toMatchObject({ format: 'A4', printBackground: true });
    expect(fake.log.media[0]).toEqual({ media: 'print' });
    await renderer.close();
    expect(fake.log.browserClosed).toBe(1);
    await expect(renderer.render(request())).rejects.toBeInstanceOf(BriefRenderError);
  });

  it('renders at most maxConcurrent at once, queues a few more and refuses the rest', async () => {
    let open!: () => void;
    const fake = fakeChromium({ gate: new Promise<void>((r) => (open = r)) });
    const renderer = createBriefRenderer({ find: () => '/usr/bin/chromium', launch: fake.launch, maxConcurrent: 2, maxQueued: 2 });
    const accepted = [1, 2, 3, 4].map(() => renderer.render(request()));
    await new Promise((r) => setTimeout(r, 20));
    await expect(renderer.render(request())).rejects.toBeInstanceOf(RendererBusyError);
    open();
    await Promise.all(accepted);
    expect(fake.log.maxActive).toBe(2);
    expect(fake.log.pdfOptions).toHaveLength(4);
    await renderer.close();
  });

  it('renders the English page when asked', async () => {
    const fake = fakeChromium();
    const renderer = createBriefRenderer({ find: () => '/usr/bin/chromium', launch: fake.launch });
    await renderer.render({ ...request(), lang: 'en' });
    expect(fake.log.gotos).toEqual(['http://127.0.0.1:8080/brief?date=2026-11-26&lang=en']);
    await renderer.close();
  });

  it('launches again after the browser went away', async () => {
    const fake = fakeChromium();
    const renderer = createBriefRenderer({ find: () => '/usr/bin/chromium', launch: fake.launch });
    await renderer.render(request());
    fake.disconnect();
    await renderer.render(request());
    expect(fake.log.launches).toBe(2);
    await renderer.close();
  });

  it('closes the idle browser after a while and launches again for the next render', async () => {
    const fake = fakeChromium();
    const renderer = createBriefRenderer({ find: () => '/usr/bin/chromium', launch: fake.launch, idleCloseMs: 30 });
    await renderer.render(request());
    expect(fake.log.browserClosed).toBe(0);
    await new Promise((r) => setTimeout(r, 80));
    expect(fake.log.browserClosed).toBe(1);
    await renderer.render(request());
    expect(fake.log.launches).toBe(2);
    await renderer.close();
  });

  it('a page that says it cannot show the brief is an error with its words', async () => {
    const renderer = createBriefRenderer({ find: () => '/usr/bin/chromium', launch: fakeChromium({ pageState: 'error' }).launch });
    await expect(renderer.render(request())).rejects.toThrow(/could not show the brief: 无法生成简报：date: expected a calendar date/);
    await renderer.close();
  });

  it('a page the server does not serve fails at once with its status, without waiting for the page to get ready', async () => {
    const fake = fakeChromium({ status: 404 });
    const renderer = createBriefRenderer({ find: () => '/usr/bin/chromium', launch: fake.launch });
    await expect(renderer.render(request())).rejects.toThrow(/answered 404: this server does not serve the dashboard pages/);
    expect(fake.log.pdfOptions).toHaveLength(0);
    await renderer.close();
  });

  it('rendering from in-process data answers the page’s API calls in the browser: session and brief, nothing else, no writes', async () => {
    const fake = fakeChromium();
    const renderer = createBriefRenderer({ find: () => '/usr/bin/chromium', launch: fake.launch });
    const brief = { date: '2026-11-26' } as DailyBrief;
    const session = { user: { id: 'system', roles: ['viewer'] } } as unknown as SessionInfo;
    await renderer.render({ ...request(), source: { kind: 'data', brief, session } });
    expect(fake.log.cookies).toEqual([]);
    const [{ pattern, handler }] = fake.log.routes as [{ pattern: string; handler: (route: unknown) => Promise<unknown> }];
    expect(pattern).toBe('http://127.0.0.1:8080/api/**');
    const answer = async (method: string, path: string) => {
      let fulfilled: unknown;
      await handler({ request: () => ({ method: () => method, url: () => `http://127.0.0.1:8080${path}` }), fulfill: async (r: unknown) => void (fulfilled = r) });
      return fulfilled;
    };
    expect(await answer('GET', '/api/v1/session')).toEqual({ json: session });
    expect(await answer('GET', '/api/v1/brief')).toEqual({ json: brief });
    expect(await answer('GET', '/api/v1/users')).toMatchObject({ status: 404 });
    expect(await answer('POST', '/api/v1/incidents')).toMatchObject({ status: 403 });
    await renderer.close();
  });
});
