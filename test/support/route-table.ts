/** What the tests need of an express 5 (router 2) layer: a route, or a mounted router with its own stack. */
interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean | undefined> };
  handle?: { stack?: readonly RouterLayer[] };
  rawPath?: string | string[];
}

/**
 * Every route the express app serves, as "METHOD /path", read from the
 * router stack itself (app routes and mounted routers), so a test generated
 * from it covers a route the day it is added, listed in a table or not.
 * `router.all` shows as "ALL /path", so it cannot hide behind one method.
 */
export function servedRoutes(app: unknown): string[] {
  const out = new Set<string>();
  const walk = (stack: readonly RouterLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (!on) continue;
          for (const p of paths) out.add(`${method === '_all' ? 'ALL' : method.toUpperCase()} ${prefix}${p}`);
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: readonly RouterLayer[] } }).router.stack, '');
  return [...out].sort();
}

/** The express app behind a runtime's HTTP server. */
export function appOf(server: { listeners(event: 'request'): unknown[] }): unknown {
  const app = server.listeners('request')[0];
  if (typeof app !== 'function') throw new Error('the server has no request handler');
  return app;
}

export function splitRoute(key: string): { method: string; path: string } {
  const i = key.indexOf(' ');
  return { method: key.slice(0, i), path: key.slice(i + 1) };
}

/** A concrete path for a route: every :param replaced (by `values[name]` or `fallback`). */
export function fillPath(path: string, values: Record<string, string> = {}, fallback = 'no-such-id'): string {
  return path.replace(/:([a-z_]+)/g, (_m, name: string) => encodeURIComponent(values[name] ?? fallback));
}

export const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'ALL']);
