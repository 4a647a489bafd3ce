import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type Runtime } from '@fenghuo/dashboard';
import { signInAdmin, userWithRoles, type ApiClient } from './support/api-client';
import { mention, postMentions, REPO_ROOT, startTestRuntime } from './support/runtime';

/**
 * Issue 8 §3, SQL: injection strings in every query and path parameter of
 * every GET route of the route table (the one the auth middleware and the
 * OpenAPI document read), as a user holding every role. No 5xx, no store
 * error in an answer, the tables all there with nothing removed. And the
 * code: no SQL template string pastes anything but a reviewed constant.
 */

const INJECTIONS: readonly string[] = [
  "'",
  "''",
  "\\'",
  "' OR '1'='1",
  "'; DROP TABLE mentions; --",
  '1; DROP TABLE users',
  "1' UNION SELECT name FROM system.tables --",
  "') FORMAT JSONEachRow SETTINGS max_threads=1 --",
  '{x:String}',
  "{id:String}' OR 1=1 --",
  '\\',
  "\\\\'",
  '/* */',
  '-- ',
  '#',
  '\u2019 OR \u20191\u2019=\u20191',
  '\uff07; DROP TABLE mentions; --',
  '%27%3B',
  '\u0000',
  '-1',
  '99999999999999999999',
  '${1+1}',
  '"; SELECT 1; --',
];

/** What a ClickHouse or chdb error looks like when it leaks into an answer. */
const SQL_LEAK = /DB::Exception|Code: \d+\.|SYNTAX_ERROR|Syntax error|UNKNOWN_(IDENTIFIER|TABLE|FUNCTION|DATABASE)|TYPE_MISMATCH|CANNOT_PARSE|Cannot parse|ILLEGAL_TYPE|BAD_QUERY_PARAMETER|Substitution|clickhouse|chdb/i;

let rt: Runtime;
let url: string;
let user: ApiClient;

async function tables(): Promise<Map<string, number>> {
  const rows = await rt.store.query<{ name: string; engine: string }>("SELECT name, engine FROM system.tables WHERE database = currentDatabase() AND engine NOT LIKE '%View%'");
  const out = new Map<string, number>();
  for (const r of rows) {
    const [c] = await rt.store.query<{ n: string }>(`SELECT count() AS n FROM \`${r.name.replace(/`/g, '')}\``);
    out.set(r.name, Number(c!.n));
  }
  return out;
}

beforeAll(async () => {
  rt = await startTestRuntime();
  url = rt.url!;
  const admin = await signInAdmin(url);
  user = await userWithRoles(url, admin, 'sqli', ['viewer', 'analyst', 'responder', 'reviewer', 'admin']);
  await postMentions(url, Array.from({ length: 30 }, (_, i) => mention(`sq-${i}`, { text: `荆州石首市化工厂爆炸 ${i} '; DROP TABLE mentions; --` })));
});
afterAll(async () => {
  await rt?.stop();
});

/** One GET, the body read only for answers that end (an event stream is cut after its headers). */
async function get(pathAndQuery: string, stream: boolean): Promise<{ status: number; text: string }> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), 30_000);
  try {
    const res = await fetch(`${url}${pathAndQuery}`, { headers: { cookie: user.cookie }, signal: ac.signal });
    if (stream) {
      ac.abort();
      return { status: res.status, text: '' };
    }
    const buf = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, text: /pdf|octet/.test(type) ? '' : buf.toString('utf8') };
  } finally {
    clearTimeout(timer);
  }
}

describe('SQL injection through every GET route', () => {
  const gets = ROUTES.filter((r) => r.method === 'GET' && r.access !== 'public' && r.access !== 'ingest');
  const allQueryNames = [...new Set(ROUTES.flatMap((r) => r.query ?? []))];

  it(`${INJECTIONS.length} strings in every query and path parameter of the GET routes: no 5xx, no SQL error, tables intact`, async () => {
    const before = await tables();
    let requests = 0;
    const failures: string[] = [];
    for (const route of gets) {
      const stream = route.produces === 'text/event-stream';
      const pdf = route.produces === 'application/pdf';
      const params = [...route.path.matchAll(/:([a-z_]+)/g)].map((m) => m[1]!);
      for (const s of INJECTIONS) {
        const fill = (p: string) => route.path.replace(/:([a-z_]+)/g, (_m, name: string) => encodeURIComponent(p === name || p === '*' ? s : 'x'));
        const variants: string[] = [];
        // Each parameter on its own (so an earlier one's 400 cannot hide a later one), then all of them, documented or not.
        for (const p of params) variants.push(fill(p));
        for (const q of route.query ?? []) variants.push(`${fill('')}?${new URLSearchParams({ [q]: s })}`);
        variants.push(`${fill('*')}?${new URLSearchParams(Object.fromEntries(allQueryNames.map((q) => [q, s])))}`);
        for (const v of pdf ? variants.slice(-1) : variants) {
          const r = await get(v, stream);
          requests++;
          const bad = r.status >= 500 && !(pdf && r.status === 503) ? `${r.status}` : SQL_LEAK.test(r.text) ? `SQL in answer: ${r.text.slice(0, 200)}` : '';
          if (bad) failures.push(`GET ${v}: ${bad}`);
        }
      }
    }
    const after = await tables();
    console.log(`SQL injection: ${requests} requests over ${gets.length} GET routes × ${INJECTIONS.length} strings; ${failures.length} failures`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, n] of before) expect(after.get(name), name).toBeGreaterThanOrEqual(n);
    expect(after.get('mentions')).toBe(before.get('mentions'));
  }, 600_000);
});

/**
 * Every `${…}` inside a template string holding SQL, in the product code,
 * must be one of these: table and column constants, or a reviewed local
 * (with why it cannot carry a request's value). Anything new fails here
 * until it is a {name:Type} parameter or reviewed.
 */
const ALLOWED_IN_SQL: Record<string, string> = {
  TABLE: 'a module constant table name',
  FROM_MS: 'a constant SQL fragment holding {from:Int64}',
  TO_MS: 'a constant SQL fragment holding {to:Int64}',
  EVENT_COLUMNS_SQL: 'a constant column list',
  "EVENT_COLUMNS_SQL.replace('recent,', 'coalesce(r.n, 0) AS recent,')": 'a constant column list',
  ANALYZED_COLUMNS: 'a constant column list',
  table: 'json-repository: the table name its module passes at construction (a constant)',
  idColumn: 'json-repository: the id column its module passes at construction (a constant)',
  col: "series query: COLUMN[dimension], a lookup in a constant map keyed by a zod enum",
  rawTable: "ingest bench: the constant 'bench_raw_mentions'",
  list: "the embedded store's ClickHouse HTTP interface (runs its clients' SQL by design): setting names quoted by sqlStringLiteral",
};

describe('no request value is pasted into SQL', () => {
  it('every ${…} in a SQL template string is a table constant or a reviewed constant', () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== 'node_modules' && e.name !== 'dist') walk(p);
        } else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) {
          const src = fs.readFileSync(p, 'utf8');
          for (const m of src.matchAll(/`((?:[^`\\]|\\.)*)`/gs)) {
            if (!/\b(SELECT|INSERT INTO|ALTER TABLE|DELETE FROM|CREATE TABLE|OPTIMIZE TABLE|TRUNCATE|DROP TABLE)\b/.test(m[1]!)) continue;
            for (const x of m[1]!.matchAll(/\$\{([^}]*)\}/g)) {
              const expr = x[1]!.trim();
              if (/^TABLES\.[A-Za-z]+$/.test(expr) || expr in ALLOWED_IN_SQL) continue;
              found.push(`${path.relative(REPO_ROOT, p)}: \${${expr}}`);
            }
          }
        }
      }
    };
    for (const dir of ['analytics/src', 'dashboard/server', 'ingest/src', 'infra/src', 'shared/src']) walk(path.join(REPO_ROOT, dir));
    expect(found).toEqual([]);
  });
});

describe('CSV exports defuse formulas (text injection)', () => {
  const FORMULAS = ["=cmd|' /C calc'!A0", '+1+cmd|calc', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1'];
  /** A cell a spreadsheet would run: = + - @ tab or CR first, after an optional opening quote; plain numbers are data. */
  const RUNS = /^"?(?:[=+@\t\r]|-(?!\d+(?:\.\d+)?"?$))/;

  function cells(csv: string): string[] {
    // Good enough for the check: split on commas outside quotes, rows on CRLF/LF outside quotes.
    const out: string[] = [];
    let cell = '';
    let quoted = false;
    for (const ch of csv.replace(/^\ufeff/, '')) {
      if (ch === '"') quoted = !quoted;
      if (!quoted && (ch === ',' || ch === '\n')) {
        out.push(cell.replace(/\r$/, ''));
        cell = '';
      } else cell += ch;
    }
    if (cell) out.push(cell);
    return out;
  }

  it('knowledge base, Q&A, account registry and audit log exports: no cell starts a formula, the text is there', async () => {
    for (const [i, f] of FORMULAS.entries()) {
      expect((await user.post('/api/v1/kb', { claim: `${f} 谣言${i}`, rebuttal: `${f} 辟谣`, source: f, date: '2026-11-26', keywords: [`词${i}`] })).status).toBe(201);
      expect((await user.post('/api/v1/qa', { question: `${f} 问${i}`, answer: `${f} 答`, category: f, tags: [`标签${i}`] })).status).toBe(201);
      expect((await user.post('/api/v1/accounts', { platform: 'weibo', account_id: `acct-${i}`, name: `${f}发布${i}`, unit_id: user.user.unit_id })).status).toBe(201);
    }
    const exports = ['/api/v1/kb/export?format=csv', '/api/v1/qa/export', '/api/v1/accounts/export', '/api/v1/audit/export'];
    for (const p of exports) {
      const r = await get(p, false);
      expect(r.status, p).toBe(200);
      // The audit log may name only ids; the others hold the typed text, defused.
      if (!p.includes('audit')) expect(r.text, p).toContain("'=cmd|' /C calc'!A0");
      const running = cells(r.text).filter((c) => RUNS.test(c));
      expect(running, p).toEqual([]);
    }
  });
});
