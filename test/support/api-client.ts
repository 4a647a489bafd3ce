import type { Role } from '@fenghuo/shared';

/** The admin password tests start with (FENGHUO_ADMIN_PASSWORD). */
export const TEST_ADMIN_PASSWORD = 'Test-Root-Pass-2026!';
export const TEST_USER_PASSWORD = 'Test-User-Pass-2026!';

export interface ApiAnswer {
  status: number;
  body: any;
  headers: Headers;
}

/** A signed-in API user: sends the session cookie and, on changes, the CSRF token. */
export interface ApiClient {
  cookie: string;
  csrf: string;
  user: { id: string; username: string; roles: Role[]; unit_id: string };
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer>;
  get(path: string): Promise<ApiAnswer>;
  post(path: string, body?: unknown): Promise<ApiAnswer>;
  put(path: string, body?: unknown): Promise<ApiAnswer>;
  patch(path: string, body?: unknown): Promise<ApiAnswer>;
  delete(path: string): Promise<ApiAnswer>;
}

async function answer(res: Response): Promise<ApiAnswer> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // CSV, event streams, empty bodies
  }
  return { status: res.status, body, headers: res.headers };
}

export async function signIn(url: string, username: string, password: string): Promise<ApiClient> {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const a = await answer(res);
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(a.body)}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const client: ApiClient = {
    cookie,
    csrf: a.body.csrf_token,
    user: a.body.user,
    async request(method, path, body, headers = {}) {
      const h: Record<string, string> = { cookie, ...headers };
      if (method !== 'GET' && method !== 'HEAD') h['x-csrf-token'] ??= client.csrf;
      let payload: string | undefined;
      if (body !== undefined) {
        payload = typeof body === 'string' ? body : JSON.stringify(body);
        h['content-type'] ??= typeof body === 'string' ? 'text/plain' : 'application/json';
      }
      return answer(await fetch(`${url}${path}`, { method, headers: h, ...(payload !== undefined ? { body: payload } : {}) }));
    },
    get: (p) => client.request('GET', p),
    post: (p, b) => client.request('POST', p, b ?? {}),
    put: (p, b) => client.request('PUT', p, b ?? {}),
    patch: (p, b) => client.request('PATCH', p, b ?? {}),
    delete: (p) => client.request('DELETE', p),
  };
  return client;
}

export async function signInAdmin(url: string): Promise<ApiClient> {
  return signIn(url, 'admin', TEST_ADMIN_PASSWORD);
}

/** Creates a user with these roles in the admin's unit (or `unit_id`) and signs them in. */
export async function userWithRoles(url: string, admin: ApiClient, username: string, roles: Role[], unitId?: string): Promise<ApiClient> {
  const created = await admin.post('/api/v1/users', { username, display_name: username, unit_id: unitId ?? admin.user.unit_id, roles, password: TEST_USER_PASSWORD });
  if (created.status !== 201) throw new Error(`creating ${username}: ${created.status} ${JSON.stringify(created.body)}`);
  return signIn(url, username, TEST_USER_PASSWORD);
}
