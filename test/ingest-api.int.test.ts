import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestResponse, StatsResponse } from '@fenghuo/shared';
import type { Runtime } from '@fenghuo/dashboard';
import { getJson, mention, postMentions, startTestRuntime, TEST_TOKEN } from './support/runtime';

let rt: Runtime;
let url: string;

beforeAll(async () => {
  rt = await startTestRuntime({ FENGHUO_MAX_BODY_BYTES: String(256 * 1024) });
  url = rt.url!;
});
afterAll(async () => {
  await rt?.stop();
});

async function count(sql: string, params: Record<string, unknown> = {}): Promise<number> {
  const [row] = await rt.store.query<{ n: string }>(sql, params);
  return Number(row?.n ?? 0);
}

const storedCount = (prefix: string) => count('SELECT count() AS n FROM mentions WHERE startsWith(id, {p:String})', { p: prefix });
const rejectedRows = (source = 'http') =>
  rt.store.query<{ code: string; reason: string; raw: string; raw_encoding: string; position: string }>(
    'SELECT code, reason, raw, raw_encoding, position FROM rejected_mentions WHERE source = {s:String} ORDER BY rejected_at, position',
    { s: source },
  );

describe('POST /api/v1/mentions', () => {
  it('stores valid mentions with their enrichment, and answers 202 once they are stored', async () => {
    const res = await postMentions(url, [
      mention('ok-1', { text: '荆州石首市化工厂发生爆炸，现场浓烟滚滚 #荆州爆炸# [泪]', author: { id: 'a1', name: '路人甲', location: '湖北 荆州' } }),
      mention('ok-2', { platform: 'douyin', kind: 'comment', parent_id: 'ok-1', root_id: 'ok-1' }),
    ]);
    expect(res.status).toBe(202);
    expect(res.body as IngestResponse).toEqual({ accepted: 2, rejected: [], duplicates: 0 });
    // 202 means stored: no waiting needed.
    expect(await storedCount('ok-')).toBe(2);
    const [row] = await rt.store.query<Record<string, unknown>>(
      `SELECT platform, kind, text, province, city, region_source, tokens, keywords, simhash, sentiment_label, author_name, source,
              toUnixTimestamp64Milli(time) AS t
       FROM mentions WHERE id = 'ok-1'`,
    );
    expect(row).toMatchObject({ platform: 'weibo', kind: 'post', province: '湖北省', city: '荆州市', region_source: 'text', author_name: '路人甲', source: 'http', sentiment_label: 'negative' });
    expect(row!.t).toBe(String(Date.parse('2026-11-26T10:00:00+08:00')));
    expect(row!.tokens).toEqual(expect.arrayContaining(['化工厂', '#荆州爆炸#']));
    expect((row!.keywords as string[])[0]).toBe('#荆州爆炸#');
    expect(row!.simhash).toMatch(/^\d+$/);
  });

  it('rejects bad records with their index and keeps them, while storing the good ones', async () => {
    const res = await postMentions(url, [
      mention('mix-1'),
      { id: 'mix-2', platform: 'weibo', text: '   ', time: '2026-11-26T10:00:00+08:00' },
      mention('mix-3', { time: '2026-11-26 10:00:00' }),
      'not an object',
      mention('mix-5', { platform: 'myspace' }),
    ]);
    expect(res.status).toBe(202);
    const body = res.body as IngestResponse;
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([
      { index: 1, id: 'mix-2', error: 'text: is empty after trimming', reject_id: expect.stringMatching(/^[0-9a-f]{32}$/) },
      { index: 2, id: 'mix-3', error: expect.stringContaining('has no UTC offset'), reject_id: expect.any(String) },
      { index: 3, error: 'expected a mention object, got string', reject_id: expect.any(String) },
      { index: 4, id: 'mix-5', error: expect.stringMatching(/^platform:/), reject_id: expect.any(String) },
    ]);
    expect(await storedCount('mix-')).toBe(1);
    const kept = await rt.store.query<{ id: string; code: string; reason: string; raw: string; reject_id: string }>(
      "SELECT id, code, reason, raw, reject_id FROM rejected_mentions WHERE id LIKE 'mix-%' OR raw = '\"not an object\"' ORDER BY position",
    );
    // Each answer names the row that keeps it.
    expect(kept.map((k) => k.reject_id)).toEqual(body.rejected.map((r) => r.reject_id));
    expect(kept.map((k) => k.code)).toEqual(['invalid_text', 'invalid_time', 'not_an_object', 'invalid_platform']);
    expect(kept[0]!.raw).toContain('"mix-2"');
  });

  it('stores a mention once however often it arrives, and never counts a duplicate', async () => {
    const first = await postMentions(url, [mention('dup-1'), mention('dup-2'), mention('dup-1', { text: '同一条又来了一次' })]);
    expect(first.body as IngestResponse).toMatchObject({ accepted: 3, duplicates: 1 });
    const again = await postMentions(url, [mention('dup-2'), mention('dup-3')]);
    expect(again.body as IngestResponse).toMatchObject({ accepted: 2, duplicates: 1 });
    await postMentions(url, Array.from({ length: 3 }, () => mention('dup-3')));
    expect(await storedCount('dup-')).toBe(3);
    expect(await count('SELECT count() - uniqExact(platform, id) AS n FROM mentions')).toBe(0);
    // The first copy wins.
    const [row] = await rt.store.query<{ text: string }>("SELECT text FROM mentions WHERE id = 'dup-1'");
    expect(row!.text).not.toContain('又来了');
    // Same id on another platform is another mention.
    await postMentions(url, [mention('dup-1', { platform: 'wechat' })]);
    expect(await storedCount('dup-')).toBe(4);
  });

  it('reads NDJSON: a broken line in the middle is rejected with its line index, the others are stored', async () => {
    const lines = [JSON.stringify(mention('nd-0')), JSON.stringify(mention('nd-1')), '{"id": "nd-2", "platform": ', '', JSON.stringify(mention('nd-4'))];
    const res = await postMentions(url, lines.join('\n'), { contentType: 'application/x-ndjson' });
    expect(res.status).toBe(202);
    const body = res.body as IngestResponse;
    expect(body.accepted).toBe(3);
    expect(body.rejected).toEqual([{ index: 2, error: expect.stringMatching(/^line 2 is not valid JSON/), reject_id: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
    expect(await storedCount('nd-')).toBe(3);
    const kept = (await rejectedRows()).filter((r) => r.raw === lines[2]);
    expect(kept).toMatchObject([{ code: 'invalid_json', position: '2' }]);
  });

  it('accepts gzip bodies', async () => {
    const ndjson = Array.from({ length: 50 }, (_, i) => JSON.stringify(mention(`gz-${i}`))).join('\n');
    const res = await postMentions(url, ndjson, { contentType: 'application/x-ndjson', gzip: true });
    expect(res.status).toBe(202);
    expect((res.body as IngestResponse).accepted).toBe(50);
    expect(await storedCount('gz-')).toBe(50);
  });

  it('answers 400 to a body that is not JSON at all, and keeps it', async () => {
    const res = await postMentions(url, 'this is <b>not</b> json', { contentType: 'application/json' });
    expect(res.status).toBe(400);
    expect((res.body as { error: string }).error).toMatch(/not valid JSON/);
    const kept = (await rejectedRows()).filter((r) => r.raw === 'this is <b>not</b> json');
    expect(kept).toMatchObject([{ code: 'invalid_body' }]);
  });

  it('answers 400 to broken gzip and keeps the bytes exactly (base64)', async () => {
    const bytes = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef]);
    const res = await postMentions(url, bytes, { headers: { 'content-encoding': 'gzip' } });
    expect(res.status).toBe(400);
    expect((res.body as { error: string }).error).toMatch(/not valid gzip/);
    const kept = (await rejectedRows()).filter((r) => r.raw_encoding === 'base64');
    expect(kept.map((k) => Buffer.from(k.raw, 'base64'))).toContainEqual(bytes);
  });

  it('answers 413 beyond the body limit, declared, streamed, or hidden in gzip, and keeps each refusal once, naming its row', async () => {
    const keptById = async (id: string) =>
      rt.store.query<{ code: string; reason: string; raw: string; raw_encoding: string }>('SELECT code, reason, raw, raw_encoding FROM rejected_mentions WHERE reject_id = {id:String}', { id });
    const big = JSON.stringify([mention('big', { text: '字'.repeat(100_000) })]);
    const declared = await postMentions(url, big);
    expect(declared.status).toBe(413);
    const declaredId = (declared.body as { reject_id: string }).reject_id;
    // Refused on its Content-Length, before a byte was read: the row says what the request said of itself.
    const [row] = await keptById(declaredId);
    expect(row).toMatchObject({ code: 'request_too_large', raw_encoding: 'utf8' });
    expect(row!.reason).toMatch(/limit.*refused whole \(413\)/);
    expect(JSON.parse(row!.raw)).toMatchObject({ refused_before_reading: true, 'content-length': String(Buffer.byteLength(big)) });
    // Sent again, the same refusal is kept once.
    const again = await postMentions(url, big);
    expect((again.body as { reject_id: string }).reject_id).toBe(declaredId);
    expect(await keptById(declaredId)).toHaveLength(1);

    // No Content-Length: the limit is enforced while reading.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${url}/api/v1/mentions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 40; i++) req.write(Buffer.alloc(16 * 1024, 0x20));
      req.end();
    });
    expect(streamed).toBe(413);
    // Read until the limit: its first 64 KB are kept.
    const spaces = (await rejectedRows()).filter((r) => r.code === 'request_too_large' && /^ +$/.test(r.raw));
    expect(spaces.map((r) => r.raw.length)).toEqual([64 * 1024]);

    // 20 MB of spaces gzip to ~20 KB: the decompressed size is what counts.
    const bomb = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(256 * 1024);
    const res = await postMentions(url, bomb, { headers: { 'content-encoding': 'gzip' } });
    expect(res.status).toBe(413);
    const [gz] = await keptById((res.body as { reject_id: string }).reject_id);
    expect(gz).toMatchObject({ code: 'request_too_large', raw_encoding: 'base64' });
    expect(Buffer.from(gz!.raw, 'base64')).toEqual(bomb.subarray(0, 64 * 1024));
  });

  it('answers 401 without a valid token and stores nothing', async () => {
    expect((await postMentions(url, [mention('auth-1')], { token: null })).status).toBe(401);
    const wrong = await postMentions(url, [mention('auth-2')], { token: 'wrong' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
    expect(await storedCount('auth-')).toBe(0);
  });

  it('answers 415 to an encoding it cannot read', async () => {
    const res = await postMentions(url, 'x', { headers: { 'content-encoding': 'br' } });
    expect(res.status).toBe(415);
    const id = (res.body as { reject_id: string }).reject_id;
    const [row] = await rt.store.query<{ code: string; raw: string }>('SELECT code, raw FROM rejected_mentions WHERE reject_id = {id:String}', { id });
    expect(row!.code).toBe('unsupported_request');
    expect(JSON.parse(row!.raw)).toMatchObject({ refused_before_reading: true, 'content-encoding': 'br' });
  });
});

describe('observability', () => {
  it('/healthz reports the store, the bus and whether writes are succeeding', async () => {
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { store: { ok: true }, bus: { ok: true }, writes: { ok: true } } });
  });

  it('/api/v1/stats counts distinct stored mentions and kept rejects', async () => {
    const stats = (await getJson(`${url}/api/v1/stats`)) as StatsResponse;
    expect(stats.mentions).toBe(await count('SELECT count() AS n FROM mentions'));
    expect(stats.rejected).toBe(await count('SELECT count() AS n FROM rejected_mentions'));
    expect(stats.mentions).toBeGreaterThan(50);
    expect(stats.lag_ms).toBeGreaterThanOrEqual(0);
  });

  it('/metrics exposes the ingest figures in Prometheus format', async () => {
    const text = await (await fetch(`${url}/metrics`)).text();
    for (const name of [
      'fenghuo_ingest_accepted_total{source="http"}',
      'fenghuo_ingest_rejected_total{code="invalid_text"}',
      'fenghuo_ingest_duplicates_total',
      'fenghuo_ingest_batch_rows_bucket',
      'fenghuo_store_write_seconds_bucket',
      'fenghuo_ingest_queue_depth',
      'fenghuo_ingest_lag_seconds_bucket',
      'fenghuo_ingest_consumer_lag{topic="mentions.raw",partition="0"}',
      'fenghuo_process_resident_memory_bytes',
    ]) {
      expect(text).toContain(name);
    }
  });
});
