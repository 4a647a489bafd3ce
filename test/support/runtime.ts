import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { loadConfig, type Config } from '@fenghuo/shared';
import { startRuntime, type Runtime, type Roles } from '@fenghuo/dashboard';
import { TEST_ADMIN_PASSWORD } from './api-client';

export const TEST_TOKEN = 'test-token-0123456789';
export const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const SHARED_DATA = path.resolve(REPO_ROOT, '..', 'shared', 'data');

export function tempDir(prefix = 'fenghuo-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    FENGHUO_DATA_DIR: tempDir(),
    PORT: '0',
    HOST: '127.0.0.1',
    FENGHUO_INGEST_TOKEN: TEST_TOKEN,
    LOG_LEVEL: 'silent',
    FENGHUO_BATCH_MAX_WAIT_MS: '50',
    FENGHUO_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    ...env,
  });
}

export async function startTestRuntime(env: Record<string, string> = {}, roles: Roles = { api: true, worker: true }): Promise<Runtime> {
  return startRuntime(testConfig(env), { roles, holder: 'test' });
}

export interface PostOptions {
  token?: string | null;
  contentType?: string;
  gzip?: boolean;
  headers?: Record<string, string>;
}

export async function postMentions(url: string, body: unknown, options: PostOptions = {}): Promise<{ status: number; body: any; headers: Headers }> {
  let payload: Buffer = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json', ...options.headers };
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? TEST_TOKEN}`;
  if (options.gzip) {
    payload = zlib.gzipSync(payload);
    headers['content-encoding'] = 'gzip';
  }
  const res = await fetch(`${url}/api/v1/mentions`, { method: 'POST', headers, body: payload });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export async function getJson(url: string): Promise<any> {
  const res = await fetch(url);
  return res.json();
}

export function mention(id: string, patch: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, platform: 'weibo', text: `测试微博 ${id}：荆州今天下雨了`, time: '2026-11-26T10:00:00+08:00', ...patch };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 20_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
