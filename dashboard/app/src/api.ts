import type { SessionInfo } from '@fenghuo/shared/workflow';

/**
 * The API client of the browser app: same-origin JSON calls with the
 * session cookie, the CSRF token on every state-changing call, and a typed
 * error that carries the server's message (and its check findings).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let csrfToken = '';
const unauthorizedListeners = new Set<() => void>();

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when a request finds the session gone (expired or signed out elsewhere). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

async function request<T>(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}), ...init });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!res.ok) {
    const b = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
    if (res.status === 401 && path !== '/api/v1/session') for (const l of unauthorizedListeners) l();
    throw new ApiError(res.status, typeof b.error === 'string' ? b.error : `${res.status} ${res.statusText}`, b);
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, init?: RequestInit) => request<T>('GET', path, undefined, init),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/**
 * POSTs a file's text as it is (CSV, JSON) with the CSRF token, for the
 * imports. A refused file is an answer, not a failure: its body lists each
 * wrong row (`errors`), whatever the status; any other failure throws.
 */
export async function postImport(path: string, text: string, contentType: string): Promise<Record<string, unknown> & { errors: unknown[] }> {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': contentType, Accept: 'application/json', ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}) },
    body: text,
  });
  if (res.status === 401) for (const l of unauthorizedListeners) l();
  const parsed = (await res.json().catch(() => ({}))) as unknown;
  const body = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  if (Array.isArray(body.errors)) return { ...body, errors: body.errors };
  throw new ApiError(res.status, typeof body.error === 'string' ? body.error : `${res.status} ${res.statusText}`, body);
}

export async function signIn(username: string, password: string): Promise<SessionInfo> {
  const s = await api.post<SessionInfo>('/api/v1/session', { username, password });
  setCsrfToken(s.csrf_token);
  return s;
}

export async function currentSession(): Promise<SessionInfo | undefined> {
  try {
    const s = await api.get<SessionInfo>('/api/v1/session');
    setCsrfToken(s.csrf_token);
    return s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return undefined;
    throw e;
  }
}

export async function signOut(): Promise<void> {
  await api.del('/api/v1/session');
  setCsrfToken('');
}

/** Query string from an object, skipping empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
