/*
 * The phone view's service worker, hand-written: the build (vite.config.ts,
 * mobileServiceWorker) fills in the files of the mobile shell and a version.
 *
 * - The shell (/m/ page, scripts, styles, icons) is cached at install, so the
 *   phone opens the app without a network.
 * - The brief API is network-first: every brief that arrives is kept (with
 *   the time it was fetched); without a network the same brief, or else the
 *   last one fetched, answers, marked as an offline copy for the page to say so.
 * - Every other API call goes to the network untouched: alerts, drafts and
 *   reviews are never answered from a cache.
 */
const PRECACHE = self.__FENGHUO_PRECACHE__;
const VERSION = self.__FENGHUO_VERSION__;
const SHELL_CACHE = `fenghuo-shell-${VERSION}`;
// The page deletes this cache on sign-out (MobileApp): the briefs are the office's data, not the phone's.
const BRIEF_CACHE = 'fenghuo-brief';
const LAST_BRIEF = '/m/__last-brief';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('fenghuo-shell-') && k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === '/api/v1/brief') return event.respondWith(briefNetworkFirst(request));
  if (url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    if (url.pathname === '/m' || url.pathname.startsWith('/m/')) event.respondWith(pageNetworkFirst(request));
    return;
  }
  if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/m/')) event.respondWith(cacheFirst(request));
});

async function pageNetworkFirst(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await caches.match('/m/', { cacheName: SHELL_CACHE });
    if (shell) return shell;
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: SHELL_CACHE });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(SHELL_CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

/** A copy of a response with extra headers (the body read once). */
async function withHeaders(response, extra) {
  const headers = new Headers(response.headers);
  for (const [k, v] of Object.entries(extra)) headers.set(k, v);
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
}

async function briefNetworkFirst(request) {
  let response;
  try {
    response = await fetch(request);
  } catch {
    const cache = await caches.open(BRIEF_CACHE);
    const kept = (await cache.match(request)) || (await cache.match(LAST_BRIEF));
    if (kept) return withHeaders(kept, { 'X-Fenghuo-Offline': '1' });
    return new Response(JSON.stringify({ error: 'offline, and no brief was kept on this phone yet' }), { status: 503, headers: { 'Content-Type': 'application/json', 'X-Fenghuo-Offline': '1' } });
  }
  if (response.ok) {
    const kept = await withHeaders(response.clone(), { 'X-Fenghuo-Fetched-At': String(Date.now()) });
    const cache = await caches.open(BRIEF_CACHE);
    await cache.put(request, kept.clone());
    await cache.put(LAST_BRIEF, kept);
  }
  return response;
}
