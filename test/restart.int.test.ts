import { afterEach, describe, expect, it } from 'vitest';
import type { IngestResponse, StatsResponse } from '@fenghuo/shared';
import { exited, killStarted, startFenghuo } from './support/process';
import { getJson, mention, postMentions, tempDir, waitFor } from './support/runtime';

afterEach(killStarted);

const start = (dataDir: string, extra: string[] = ['--no-demo']) => startFenghuo(dataDir, ['start', ...extra]);

const batch = (from: number, n: number) => Array.from({ length: n }, (_, i) => mention(`rs-${from + i}`));

describe('restart', () => {
  it('a process killed after acknowledging keeps every record, and a restart stores none twice', async () => {
    const dataDir = tempDir();
    const a = await start(dataDir);
    expect(a.stderr()).toMatch(/Fenghuo start is running at http:\/\/localhost:\d+/);
    for (let i = 0; i < 4; i++) {
      const res = await postMentions(a.url, batch(i * 500, 500));
      expect(res.status).toBe(202);
      expect((res.body as IngestResponse).accepted).toBe(500);
    }
    const before = (await getJson(`${a.url}/api/v1/stats`)) as StatsResponse;
    expect(before.mentions).toBe(2000);

    // No warning, no shutdown: the acknowledged records must already be safe.
    a.proc.kill('SIGKILL');
    expect((await exited(a.proc)).signal).toBe('SIGKILL');

    const b = await start(dataDir);
    expect(((await getJson(`${b.url}/api/v1/stats`)) as StatsResponse).mentions).toBe(2000);
    // Clients resend what they are unsure of: all of it is a duplicate now.
    for (let i = 0; i < 4; i++) {
      const res = await postMentions(b.url, batch(i * 500, 500));
      expect(res.body as IngestResponse).toMatchObject({ accepted: 500, duplicates: 500 });
    }
    expect(((await getJson(`${b.url}/api/v1/stats`)) as StatsResponse).mentions).toBe(2000);

    // A polite stop exits 0 and a third start still sees the same.
    b.proc.kill('SIGTERM');
    expect(await exited(b.proc)).toEqual({ code: 0, signal: null });
    const c = await start(dataDir);
    await postMentions(c.url, batch(2000, 10));
    expect(((await getJson(`${c.url}/api/v1/stats`)) as StatsResponse).mentions).toBe(2010);
    c.proc.kill('SIGTERM');
    await exited(c.proc);
  });

  it('with the demo stream on, stored mentions grow on their own', async () => {
    const d = await start(tempDir(), ['--seed', '7', '--demo-rate', '50']);
    // The banner follows the demo's first half hour of history, which the server takes while already answering.
    await waitFor(async () => /demo stream: on \(seed 7\)/.test(d.stderr()), 60_000, 200);
    const first = await waitFor(async () => {
      const s = (await getJson(`${d.url}/api/v1/stats`)) as StatsResponse;
      return s.mentions > 0 ? s.mentions : false;
    });
    const later = await waitFor(async () => {
      const s = (await getJson(`${d.url}/api/v1/stats`)) as StatsResponse;
      return s.mentions > first ? s.mentions : false;
    });
    expect(later).toBeGreaterThan(first);
    d.proc.kill('SIGTERM');
    expect(await exited(d.proc), d.stderr().slice(-4000)).toEqual({ code: 0, signal: null });
  });
});
