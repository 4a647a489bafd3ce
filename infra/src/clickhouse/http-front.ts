import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import type { Store } from '@fenghuo/shared';

/**
 * ClickHouse's HTTP interface in front of the embedded store (chdb), so that
 * several Fenghuo processes on one machine (api, ingest workers) can share
 * one store the way they share a ClickHouse server: `CLICKHOUSE_URL` points
 * at this. It speaks what `@clickhouse/client` sends: the statement in the
 * body (or in `query=` with a data body for inserts), `param_<name>`
 * parameters in ClickHouse's text form, settings as URL parameters,
 * `database`, gzip request bodies, `/ping`.
 *
 * chdb keeps settings and query parameters on its one session, so requests
 * run one at a time, each preceded by `SET`s for its own settings (others
 * reset to their defaults) and `SET param_x = '…'` for its parameters: the
 * engine sees exactly the text an HTTP server would, inside a properly
 * escaped string literal.
 *
 * Not a substitute for a ClickHouse server in production: one node, no
 * replication, every query through one session.
 */

export interface HttpFrontOptions {
  store: Store;
  host: string;
  port: number;
  /** When set, requests must authenticate as this user (HTTP basic auth). */
  user?: string;
  password?: string;
  log?: (message: string, extra?: Record<string, unknown>) => void;
}

export interface HttpFront {
  url: string;
  close(): Promise<void>;
}

/** URL parameters that are not settings. */
const RESERVED = new Set(['query', 'database', 'query_id', 'session_id', 'session_timeout', 'session_check', 'role', 'default_format', 'user', 'password', 'quota_key']);
/** Settings that only concern the HTTP exchange. */
const HTTP_ONLY = new Set([
  'enable_http_compression',
  'send_progress_in_http_headers',
  'http_headers_progress_interval_ms',
  'wait_end_of_query',
  'buffer_size',
  'http_zlib_compression_level',
  'http_native_compression_disable_checksumming_on_decompress',
  'add_http_cors_header',
  'http_response_buffer_size',
  'compress',
  'decompress',
  'output_format_enable_streaming',
]);

const CONTENT_TYPES: Record<string, string> = {
  JSON: 'application/json; charset=UTF-8',
  JSONEachRow: 'application/x-ndjson; charset=UTF-8',
  JSONCompactEachRow: 'application/x-ndjson; charset=UTF-8',
  CSV: 'text/csv; charset=UTF-8',
};

/** A SQL string literal holding `text` exactly. */
export function sqlStringLiteral(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function formatOf(sql: string, fallback: string): string {
  const m = /\bFORMAT\s+([A-Za-z]+)\s*;?\s*$/i.exec(sql.replace(/\s+$/, ''));
  return m ? m[1]! : fallback;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const source = /gzip/i.test(String(req.headers['content-encoding'] ?? '')) ? req.pipe(zlib.createGunzip()) : req;
    source.on('data', (c: Buffer) => chunks.push(c));
    source.on('end', () => resolve(Buffer.concat(chunks)));
    source.on('error', reject);
  });
}

/** multipart/form-data parts by name (what the client sends for large parameters). */
function multipartParts(body: Buffer, contentType: string): Map<string, string> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const parts = new Map<string, string>();
  if (!boundary) return parts;
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  for (const chunk of body.toString('utf8').split(delimiter)) {
    const split = chunk.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = chunk.slice(0, split);
    const name = /name="([^"]+)"/i.exec(head)?.[1];
    if (!name) continue;
    parts.set(name, chunk.slice(split + 4).replace(/\r\n$/, ''));
  }
  return parts;
}

export async function startHttpFront(options: HttpFrontOptions): Promise<HttpFront> {
  const { store } = options;
  if (!store.script) throw new Error('the HTTP front serves the embedded store only');
  const script = store.script.bind(store);
  const defaults = new Map<string, string>();
  const touched = new Set<string>();
  let currentDb = '';
  let queue: Promise<unknown> = Promise.resolve();
  // Parameters travel inside SET statements, which the parser limits to
  // max_query_size; a server's param_* values have no such limit.
  await script('SET max_query_size = 1073741824', 'TabSeparated');

  async function defaultOf(names: string[]): Promise<void> {
    const unknown = names.filter((n) => !defaults.has(n));
    if (!unknown.length) return;
    const list = unknown.map(sqlStringLiteral).join(', ');
    const out = await script(`SELECT name, default FROM system.settings WHERE name IN (${list})`, 'JSONEachRow');
    for (const line of out.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { name: string; default: string };
      defaults.set(row.name, row.default);
    }
  }

  async function run(params: URLSearchParams, statement: string, data: Buffer | undefined): Promise<{ body: Buffer; format: string }> {
    const prelude: string[] = [];
    const database = params.get('database');
    if (database && database !== currentDb) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) throw new Error(`Code: 81. DB::Exception: Database ${database} does not exist. (UNKNOWN_DATABASE)`);
      prelude.push(`USE \`${database}\``);
    }
    const settings = new Map<string, string>();
    for (const [k, v] of params) {
      if (RESERVED.has(k) || HTTP_ONLY.has(k) || k.startsWith('param_')) continue;
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) continue;
      settings.set(k, v);
    }
    await defaultOf([...settings.keys()].filter((k) => !touched.has(k)));
    // This request's settings; the ones earlier requests set go back to their defaults.
    for (const k of touched) if (!settings.has(k) && defaults.has(k)) prelude.push(`SET ${k} = ${sqlStringLiteral(defaults.get(k)!)}`);
    for (const [k, v] of settings) {
      prelude.push(`SET ${k} = ${sqlStringLiteral(v)}`);
      touched.add(k);
    }
    for (const [k, v] of params) if (k.startsWith('param_') && /^param_[A-Za-z0-9_]+$/.test(k)) prelude.push(`SET ${k} = ${sqlStringLiteral(v)}`);
    const sql = data ? `${statement.trimEnd()}\n${data.toString('utf8')}` : statement;
    const format = formatOf(statement, params.get('default_format') ?? 'TabSeparated');
    const body = await script(prelude.length ? `${prelude.join(';\n')};\n${sql}` : sql, format);
    if (database) currentDb = database;
    return { body, format };
  }

  const expectedAuth =
    options.password !== undefined ? `Basic ${Buffer.from(`${options.user ?? 'default'}:${options.password}`).toString('base64')}` : undefined;

  const server = http.createServer({ maxHeaderSize: 16 * 1024 * 1024 }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://front');
    if (url.pathname === '/ping' || (url.pathname === '/' && req.method === 'GET' && !url.searchParams.has('query'))) {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8' }).end('Ok.\n');
      return;
    }
    if (expectedAuth) {
      const given = req.headers.authorization ?? '';
      const ok = given.length === expectedAuth.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expectedAuth));
      if (!ok) {
        res.writeHead(401, { 'Content-Type': 'text/plain; charset=UTF-8' }).end('Code: 516. DB::Exception: Authentication failed. (AUTHENTICATION_FAILED)\n');
        return;
      }
    }
    const queryId = url.searchParams.get('query_id') ?? crypto.randomUUID();
    const work = async () => {
      const raw = await readBody(req);
      const params = new URLSearchParams(url.searchParams);
      let statement: string;
      let data: Buffer | undefined;
      const contentType = String(req.headers['content-type'] ?? '');
      if (contentType.startsWith('multipart/form-data')) {
        const parts = multipartParts(raw, contentType);
        for (const [k, v] of parts) if (k !== 'query') params.set(k, v);
        statement = parts.get('query') ?? params.get('query') ?? '';
      } else if (params.has('query')) {
        statement = params.get('query')!;
        if (raw.length) data = raw;
      } else {
        statement = raw.toString('utf8');
      }
      if (!statement.trim()) throw new Error('Code: 62. DB::Exception: Empty query. (SYNTAX_ERROR)');
      return run(params, statement, data);
    };
    const done = queue.then(work, work);
    queue = done.catch(() => undefined);
    done.then(
      ({ body, format }) => {
        res.writeHead(200, {
          'Content-Type': CONTENT_TYPES[format] ?? 'text/plain; charset=UTF-8',
          'X-ClickHouse-Query-Id': queryId,
          'X-ClickHouse-Format': format,
          'X-ClickHouse-Summary': '{"read_rows":"0","read_bytes":"0","written_rows":"0","written_bytes":"0","total_rows_to_read":"0","result_rows":"0","result_bytes":"0"}',
        });
        res.end(body);
      },
      (error: unknown) => {
        const message = error instanceof Error ? `${error.message}${error.cause instanceof Error && !error.message.includes('Code:') ? ` ${error.cause.message}` : ''}` : String(error);
        const text = /Code: \d+/.test(message) ? message.slice(message.indexOf('Code:')) : `Code: 1000. DB::Exception: ${message}. (UNKNOWN_EXCEPTION)`;
        options.log?.('query failed', { queryId, error: text.slice(0, 500) });
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Query-Id': queryId, 'X-ClickHouse-Exception-Code': /Code: (\d+)/.exec(text)?.[1] ?? '1000' });
        res.end(`${text}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
