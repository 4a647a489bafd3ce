import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '@fenghuo/dashboard';
import { seedEvents, seedMentions } from '../../dashboard/server/brief/test-fixtures';
import { localDate, localDay, addDays } from '../../dashboard/server/brief/local-day';
import { startBriefScheduler } from '../../dashboard/server/brief/brief-scheduler';
import { signInAdmin, userWithRoles, type ApiClient } from '../support/api-client';
import { startTestRuntime, waitFor } from '../support/runtime';

const TZ = 'Asia/Shanghai';
const DATE = '2026-11-20';
const { from: DAY } = localDay(DATE, TZ);
const H = 3_600_000;
const PUBLIC = 'https://yq.example.gov.cn';

// In the browser project: the PDF routes need the Chromium and the app build its global setup provides.
describe('daily brief over HTTP (chdb, headless Chromium)', () => {
  let runtime: Runtime;
  let url: string;
  let admin: ApiClient;
  let viewer: ApiClient;
  let below: ApiClient;
  let hook: http.Server;
  const received: any[] = [];

  beforeAll(async () => {
    hook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    runtime = await startTestRuntime({ FENGHUO_PUBLIC_URL: PUBLIC, FENGHUO_BRIEF_AT: '07:30' }, { api: true, worker: true });
    url = runtime.url!;
    admin = await signInAdmin(url);
    viewer = await userWithRoles(url, admin, 'brief-viewer', ['viewer']);
    const unit = await admin.post('/api/v1/units', { name: '荆州市委宣传部', kind: 'city', parent_id: admin.user.unit_id });
    below = await userWithRoles(url, admin, 'brief-city', ['viewer', 'responder'], unit.body.id);
    await seedMentions(runtime.store, [
      ...Array.from({ length: 9 }, (_, i) => ({ id: `a${i}`, at: DAY + 10 * H + i * 60_000, sentiment: i < 6 ? ('negative' as const) : ('neutral' as const), event: 'ev-a' })),
      { id: 'b0', at: DAY + 11 * H, sentiment: 'positive' },
      { id: 'z0', at: DAY - H, sentiment: 'negative' },
    ]);
    await seedEvents(runtime.store, [{ id: 'ev-a', title: '沙市化工厂爆炸', first: DAY + 10 * H, last: DAY + 10 * H + 8 * 60_000, size: 9, rumor_score: 0.6 }]);
    const { port } = hook.address() as AddressInfo;
    expect((await admin.post('/api/v1/channels', { kind: 'webhook', name: '值班群', url: `http://127.0.0.1:${port}/hook`, min_severity: 'critical' })).status).toBe(201);
  }, 300_000);

  afterAll(async () => {
    await runtime?.stop();
    await new Promise((r) => hook?.close(r));
  });

  it('any signed-in role gets the brief of a day, computed from the data', async () => {
    const res = await viewer.get(`/api/v1/brief?date=${DATE}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ date: DATE, timezone: TZ, totals: { mentions: 10, negative: 6, positive: 1, neutral: 3 } });
    expect(res.body.top_events[0]).toMatchObject({ id: 'ev-a', title: '沙市化工厂爆炸', mentions: 9, sentiment: { negative: 6, neutral: 3, positive: 0 } });
    expect(res.body.rumors).toMatchObject([{ event_id: 'ev-a', rebutted: false }]);
  });

  it('defaults to yesterday in the configured zone and refuses what is not a calendar date', async () => {
    const res = await viewer.get('/api/v1/brief');
    expect(res.status).toBe(200);
    expect(res.body.date).toBe(addDays(localDate(Date.now(), TZ), -1));
    for (const bad of ['2026-02-30', '2026-13-01', '26-11-26', 'yesterday', '2026-11-26T00:00']) {
      const r = await viewer.get(`/api/v1/brief?date=${encodeURIComponent(bad)}`);
      expect([bad, r.status]).toEqual([bad, 400]);
      expect(r.body.error).toMatch(/date/);
      expect((await viewer.get(`/api/v1/brief.pdf?date=${encodeURIComponent(bad)}`)).status).toBe(400);
    }
  });

  it('without a session every brief route answers 401', async () => {
    for (const p of [`/api/v1/brief?date=${DATE}`, `/api/v1/brief.pdf?date=${DATE}`, '/api/v1/briefs', `/api/v1/briefs/${DATE}.pdf`]) {
      expect([p, (await fetch(url + p)).status]).toEqual([p, 401]);
    }
  });

  it('GET /api/v1/brief.pdf renders the page as the caller to an A4 PDF', async () => {
    const res = await fetch(`${url}/api/v1/brief.pdf?date=${DATE}`, { headers: { cookie: viewer.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="fenghuo-brief-${DATE}.pdf"`);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    // A4 in points: 595 × 842.
    const box = /MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    expect([Math.round(Number(box?.[1])), Math.round(Number(box?.[2]))]).toEqual([595, 842]);
    // The English page too.
    const en = await fetch(`${url}/api/v1/brief.pdf?date=${DATE}&lang=en`, { headers: { cookie: viewer.cookie } });
    expect(en.status).toBe(200);
    expect(Buffer.from(await en.arrayBuffer()).subarray(0, 4).toString()).toBe('%PDF');
  });

  it('stored briefs: made as the system, listed, served to users who see every unit, announced through the channels with the link', async () => {
    expect((await admin.get('/api/v1/briefs')).body.briefs.filter((b: { date: string }) => b.date === DATE)).toEqual([]);
    expect((await admin.get(`/api/v1/briefs/${DATE}.pdf`)).status).toBe(404);
    const stored = await runtime.brief!.generateStored(DATE);
    expect(stored.bytes).toBeGreaterThan(1000);
    const list = await admin.get('/api/v1/briefs');
    expect(list.body.briefs).toContainEqual(expect.objectContaining({ date: DATE, bytes: stored.bytes, path: `/api/v1/briefs/${DATE}.pdf` }));
    const file = await fetch(`${url}/api/v1/briefs/${DATE}.pdf`, { headers: { cookie: viewer.cookie } });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 4).toString()).toBe('%PDF');
    // A user of a unit below sees only their units' incidents, so not the system's brief.
    expect((await below.get('/api/v1/briefs')).status).toBe(403);
    expect((await below.get(`/api/v1/briefs/${DATE}.pdf`)).status).toBe(403);
    expect((await below.get(`/api/v1/brief?date=${DATE}`)).status).toBe(200);
    expect((await admin.get('/api/v1/briefs/2026-13-01.pdf')).status).toBe(400);
    // The channel's minimum severity does not hold the brief back.
    const message = await waitFor(async () => received.find((m) => m.type === 'fenghuo.message' && m.id === `brief-${DATE}`), 10_000);
    expect(message?.message.headline).toBe(`每日舆情简报 ${DATE}`);
    expect(message?.message.links).toEqual([
      { label: '查看简报', url: `${PUBLIC}/brief?date=${DATE}` },
      { label: '下载 PDF', url: `${PUBLIC}/api/v1/briefs/${DATE}.pdf` },
    ]);
    expect(message?.message.lines).toContainEqual({ label: '全天提及', value: '10 条，负面占比 60%' });
  });

  it('FENGHUO_BRIEF_AT schedules the brief, and a run missed today (the process was down at 07:30) is made at start', async () => {
    const today = localDate(Date.now(), TZ);
    const missed = Date.now() > localDay(today, TZ).from + 7.5 * H;
    if (missed) await waitFor(async () => runtime.brief!.archive.file(addDays(today, -1)), 60_000);
    else expect(runtime.brief!.archive.file(addDays(today, -1))).toBeUndefined();
  });

  it('at the scheduled time, the day before is stored (clock injected)', async () => {
    const next = runtime.briefScheduler!.nextRunAt()!;
    expect(next).toBeGreaterThan(Date.now() - 60_000);
    expect(localDate(next, TZ) >= localDate(Date.now(), TZ)).toBe(true);
    expect(new Date(next).toISOString().slice(11, 16)).toBe('23:30');

    let now = localDay('2026-11-18', TZ).from + 7 * H;
    let fire: (() => void) | undefined;
    const ran: string[] = [];
    const scheduler = startBriefScheduler({
      at: '07:30',
      timezone: TZ,
      now: () => now,
      setTimer: (fn) => ((fire = fn), { clear: () => (fire = undefined) }),
      exists: (d) => runtime.brief!.archive.file(d) !== undefined,
      generate: async (d) => {
        ran.push(d);
        await runtime.brief!.generateStored(d);
      },
    });
    now += 31 * 60_000;
    fire!();
    await scheduler.stop();
    expect(ran).toEqual(['2026-11-17']);
    expect(runtime.brief!.archive.file('2026-11-17')).toBeDefined();
    expect((await admin.get('/api/v1/briefs')).body.briefs.map((b: { date: string }) => b.date)).toEqual(expect.arrayContaining(['2026-11-17', DATE]));
  });
});
