import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '@fenghuo/dashboard';
import { createStore } from '@fenghuo/infra';
import { loadConfig, type Store } from '@fenghuo/shared';
import { runCli, summaryOf } from './support/cli';
import { SHARED_DATA, startTestRuntime, TEST_TOKEN, tempDir } from './support/runtime';

const WEIBO_SAMPLE = path.join(SHARED_DATA, 'weibo-api-sample');
const CED = path.join(SHARED_DATA, 'rumor', 'ced.jsonl.gz');

async function withStore<T>(dataDir: string, work: (s: Store) => Promise<T>): Promise<T> {
  const store = await createStore(loadConfig({ FENGHUO_DATA_DIR: dataDir }).storage);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

const one = async (s: Store, sql: string) => Number(Object.values((await s.query<Record<string, string>>(sql))[0]!)[0]);

describe('import into the embedded store (CLI)', () => {
  const dataDir = tempDir();
  const env = { FENGHUO_DATA_DIR: dataDir };

  it('weibo-api: the raw API sample, with exact counts', async () => {
    const r = await runCli(['import', WEIBO_SAMPLE, '--format', 'weibo-api'], env);
    expect(r.code, r.stderr).toBe(0);
    // 8 posts + 1 original of a repost + 276 comments + 27 nested replies + 143 reposts;
    // the crawler saved 111 comments twice (page overlaps): stored once.
    expect(summaryOf(r)).toMatchObject({ read: 455, accepted: 455, rejected: 0, duplicates: 111 });
    expect(r.stdout).toMatch(/read 455 · accepted 455 · rejected 0 · duplicates 111/);
    await withStore(dataDir, async (s) => {
      expect(await one(s, "SELECT count() FROM mentions WHERE source = 'import:weibo-api-sample'")).toBe(344);
      const [repost] = await s.query<Record<string, string>>("SELECT kind, root_id, parent_id, author_name, toUnixTimestamp64Milli(time) AS t FROM mentions WHERE id = '4464249138673885'");
      expect(repost).toMatchObject({ kind: 'repost', root_id: '4464190838721454', parent_id: '4464190838721454', author_name: '比个心要当侠女' });
      expect(Number(repost!.t)).toBe(Date.parse('2020-01-24T13:23:19+08:00'));
      const [original] = await s.query<Record<string, unknown>>("SELECT kind, author_name, author_official, author_verified_type FROM mentions WHERE id = '4464190838721454'");
      expect(original).toMatchObject({ kind: 'post', author_name: '人民日报' });
      const [reply] = await s.query<Record<string, string>>("SELECT kind, parent_id, root_id, text FROM mentions WHERE id = '4493323131800989'");
      expect(reply).toMatchObject({ kind: 'comment', parent_id: '4464585320461445', root_id: '4464336942156713', text: '回复@不甜的银河水:螺蛳粉得病也要吃。' });
      expect(await one(s, "SELECT count() FROM mentions WHERE position(text, '<img') > 0 OR position(text, '<a ') > 0")).toBe(0);
      expect(await one(s, "SELECT countIf(position(text, '[微笑]') > 0) FROM mentions WHERE id = '4464249138673885'")).toBe(1);
    });
  });

  it('weibo-api again: everything is a duplicate, nothing is stored twice', async () => {
    const r = await runCli(['import', WEIBO_SAMPLE, '--format', 'weibo-api'], env);
    expect(summaryOf(r)).toMatchObject({ read: 455, accepted: 455, rejected: 0, duplicates: 455 });
    await withStore(dataDir, async (s) => expect(await one(s, "SELECT count() FROM mentions WHERE source = 'import:weibo-api-sample'")).toBe(344));
  });

  it('cascade: the first 200 CED cascades, with exact counts', async () => {
    const r = await runCli(['import', CED, '--format', 'cascade', '--limit', '200'], env);
    expect(r.code, r.stderr).toBe(0);
    // 200 source posts + 58,695 reactions; 33 reactions appear in two cascades.
    expect(summaryOf(r)).toMatchObject({ read: 58_895, accepted: 58_895, rejected: 0, duplicates: 33 });
    await withStore(dataDir, async (s) => {
      expect(await one(s, "SELECT count() FROM mentions WHERE source = 'import:ced.jsonl.gz'")).toBe(58_862);
      expect(await one(s, "SELECT count() FROM mentions WHERE source = 'import:ced.jsonl.gz' AND kind = 'post'")).toBe(200);
      // Reposts without words of their own carry Weibo's placeholder, as Weibo shows them.
      expect(await one(s, "SELECT countIf(text = '转发微博') FROM mentions WHERE kind = 'repost' AND source = 'import:ced.jsonl.gz'")).toBeGreaterThanOrEqual(24_000);
      const [post] = await s.query<Record<string, unknown>>("SELECT author_followers, author_location, reposts, toUnixTimestamp64Milli(time) AS t FROM mentions WHERE id = 'yBmepBtUB'");
      expect(post).toMatchObject({ author_followers: '227833', author_location: '上海', reposts: '225', t: String(Date.parse('2012-09-11T11:34:22+08:00')) });
      expect(await one(s, "SELECT count() FROM mentions WHERE root_id = 'yBmepBtUB'")).toBeGreaterThan(0);
      expect(await one(s, 'SELECT count() - uniqExact(platform, id) FROM mentions')).toBe(0);
    });
  });
});

describe('import through a running server (--server)', () => {
  let rt: Runtime;
  const dir = tempDir();
  beforeAll(async () => {
    rt = await startTestRuntime();
    fs.writeFileSync(
      path.join(dir, 'in.ndjson'),
      [
        JSON.stringify({ id: 's1', platform: 'news', text: '新闻一', time: '2026-11-20T09:00:00+08:00' }),
        '{broken',
        JSON.stringify({ id: 's2', text: '没有平台的记录', time: '2026-11-20T09:00:00+08:00' }),
        JSON.stringify({ id: 's3', platform: 'weibo', text: '', time: '2026-11-20T09:00:00+08:00' }),
        JSON.stringify({ id: 's1', platform: 'news', text: '新闻一', time: '2026-11-20T09:00:00+08:00' }),
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'in.csv'),
      'id,platform,text,time,author_name,likes\n' +
        'c1,hotline,"市民来电反映：路灯不亮，诉求：尽快维修",2026-11-20T09:00:00+08:00,市民,0\n' +
        'c2,hotline,坏的 "引号",2026-11-20T09:00:00+08:00,市民,0,多余\n' +
        'c3,gov_board,尊敬的领导：小区停水三天,1763600400000,张三,2\n',
    );
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('ndjson with --platform default: bad lines are rejected with reasons and kept on the server', async () => {
    const r = await runCli(['import', path.join(dir, 'in.ndjson'), '--format', 'ndjson', '--platform', 'other', '--server', rt.url!, '--token', TEST_TOKEN], {
      FENGHUO_DATA_DIR: tempDir(),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(summaryOf(r)).toMatchObject({ read: 5, accepted: 3, rejected: 2, duplicates: 1 });
    expect(r.stderr).toMatch(/rejected #1: .*not valid JSON/);
    expect(r.stderr).toMatch(/rejected #3 \(s3\): text: is empty after trimming/);
    const rows = await rt.store.query<{ id: string; platform: string }>("SELECT id, platform FROM mentions WHERE id IN ('s1','s2','s3') ORDER BY id");
    expect(rows).toEqual([{ id: 's1', platform: 'news' }, { id: 's2', platform: 'other' }]);
    const [kept] = await rt.store.query<{ n: string }>("SELECT count() AS n FROM rejected_mentions WHERE raw = '{broken' OR id = 's3'");
    expect(Number(kept!.n)).toBe(2);
  });

  it('csv: a broken row is rejected, the others are stored', async () => {
    const r = await runCli(['import', path.join(dir, 'in.csv'), '--format', 'csv', '--server', rt.url!, '--token', TEST_TOKEN], { FENGHUO_DATA_DIR: tempDir() });
    expect(r.code, r.stderr).toBe(0);
    expect(summaryOf(r)).toMatchObject({ read: 3, accepted: 2, rejected: 1 });
    const rows = await rt.store.query<Record<string, unknown>>("SELECT id, kind, author_name, likes, toUnixTimestamp64Milli(time) AS t FROM mentions WHERE id IN ('c1','c3') ORDER BY id");
    expect(rows).toEqual([
      { id: 'c1', kind: 'post', author_name: '市民', likes: '0', t: String(Date.parse('2026-11-20T09:00:00+08:00')) },
      { id: 'c3', kind: 'post', author_name: '张三', likes: '2', t: '1763600400000' },
    ]);
  });

  it('refuses to open an embedded store that a running process holds, and says what to do', async () => {
    const r = await runCli(['import', path.join(dir, 'in.ndjson'), '--format', 'ndjson'], { FENGHUO_DATA_DIR: rt.config.dataDir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is held by another running Fenghuo process \(pid \d+, test/);
    expect(r.stderr).toMatch(/--server/);
  });
});

describe('weibo-api with gzipped files', () => {
  it('reads detail.json.gz, comments.json.gz and reposts.json.gz like plain files', async () => {
    const dir = tempDir();
    const post = path.join(dir, '4464249138673885');
    fs.mkdirSync(post);
    for (const f of ['detail.json', 'comments.json', 'reposts.json']) {
      fs.writeFileSync(path.join(post, `${f}.gz`), zlib.gzipSync(fs.readFileSync(path.join(WEIBO_SAMPLE, '4464249138673885', f))));
    }
    const r = await runCli(['import', dir, '--format', 'weibo-api'], { FENGHUO_DATA_DIR: tempDir() });
    expect(r.code, r.stderr).toBe(0);
    // The repost, its original, 11 comments with 4 replies nested in them, 8 reposts.
    expect(summaryOf(r)).toMatchObject({ read: 25, accepted: 25, rejected: 0 });
  });
});
