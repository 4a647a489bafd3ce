import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, migrate } from '@fenghuo/infra';
import { TABLES, toNumber, type AlertDelivery, type Store } from '@fenghuo/shared';
import { listDeliveries } from './list-deliveries.query';
import { createNotifier } from './notifier';
import { createStoreDeliveryLog } from './store-delivery-log';
import { alertFixture, channelFixture } from './test-fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-notify-'));
let store: Store;

beforeAll(async () => {
  store = await createStore({ user: 'default', password: '', database: 'fenghuo', chdbPath: path.join(dir, 'clickhouse') }, { holder: 'notify test' });
  await migrate(store);
});

afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 10, 26, 2, 5, 0, 123);

function delivery(id: string, patch: Partial<AlertDelivery>): AlertDelivery {
  return { id, alert_id: 'a-1', channel_id: 'ch-1', status: 'pending', attempts: 0, last_error: '', updated_at: T0, ...patch };
}

describe('createStoreDeliveryLog with listDeliveries', () => {
  it('the latest record of each delivery wins, with epoch-ms times kept to the millisecond', async () => {
    const log = createStoreDeliveryLog(store);
    // Written back to back, as the notifier does: the versions must still order them.
    await log.record(delivery('d-1', {}));
    await log.record(delivery('d-1', { attempts: 1, last_error: 'HTTP 500: boom', updated_at: T0 + 1 }));
    await log.record(delivery('d-1', { status: 'sent', attempts: 2, updated_at: T0 + 2 }));
    await log.record(delivery('d-2', { channel_id: 'ch-2' }));
    await log.record(delivery('d-2', { channel_id: 'ch-2', status: 'failed', attempts: 5, last_error: "DingTalk errcode 310000: keywords not in content; it's \"quoted\"", updated_at: T0 + 10 }));
    await log.record(delivery('d-3', { alert_id: 'a-2', updated_at: T0 + 20 }));

    expect(await listDeliveries(store, { limit: 10 })).toEqual([
      delivery('d-3', { alert_id: 'a-2', updated_at: T0 + 20 }),
      delivery('d-2', { channel_id: 'ch-2', status: 'failed', attempts: 5, last_error: "DingTalk errcode 310000: keywords not in content; it's \"quoted\"", updated_at: T0 + 10 }),
      delivery('d-1', { status: 'sent', attempts: 2, updated_at: T0 + 2 }),
    ]);
  });

  it.each([
    [{ alertId: 'a-1', limit: 10 }, ['d-2', 'd-1']],
    [{ alertId: 'a-2', limit: 10 }, ['d-3']],
    [{ status: 'failed' as const, limit: 10 }, ['d-2']],
    [{ alertId: 'a-1', status: 'sent' as const, limit: 10 }, ['d-1']],
    [{ alertId: "a-1' OR 1=1 --", limit: 10 }, []],
    [{ limit: 1 }, ['d-3']],
  ])('filters %o', async (filter, ids) => {
    expect((await listDeliveries(store, filter)).map((d) => d.id)).toEqual(ids);
  });

  it('logAction appends to alert_log', async () => {
    const log = createStoreDeliveryLog(store);
    await log.logAction({ alert_id: 'a-log', at: T0, action: 'delivery:failed', severity: 'high', actor: 'notifier', detail: '值班群: HTTP 500' });
    const rows = await store.query<{ at: string; action: string; severity: string; actor: string; detail: string }>(
      `SELECT toUnixTimestamp64Milli(at) AS at, action, severity, actor, detail FROM ${TABLES.alertLog} WHERE alert_id = {id:String}`,
      { id: 'a-log' },
    );
    expect(rows.map((r) => ({ ...r, at: toNumber(r.at) }))).toEqual([{ at: T0, action: 'delivery:failed', severity: 'high', actor: 'notifier', detail: '值班群: HTTP 500' }]);
  });

  it('a notifier writing through it: a robot that fails once shows as sent after 2 attempts', async () => {
    let calls = 0;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        calls++;
        res.writeHead(calls === 1 ? 502 : 200, { 'content-type': 'application/json' });
        res.end(calls === 1 ? 'bad gateway' : '{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
    const notifier = createNotifier({
      channels: () => [channelFixture({ kind: 'wecom', id: 'ch-wecom', url })],
      log: createStoreDeliveryLog(store),
      linkBase: 'http://localhost:8080',
      retry: { baseDelayMs: 10 },
    });
    try {
      await notifier.notify({ alert: alertFixture({ id: 'a-e2e' }), action: 'opened' });
      await notifier.drain();
    } finally {
      await notifier.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }

    expect(await listDeliveries(store, { alertId: 'a-e2e', limit: 10 })).toEqual([
      expect.objectContaining({ alert_id: 'a-e2e', channel_id: 'ch-wecom', status: 'sent', attempts: 2, last_error: '' }),
    ]);
    const actions = await store.query<{ action: string; detail: string }>(
      `SELECT action, detail FROM ${TABLES.alertLog} WHERE alert_id = {id:String} ORDER BY at, action`,
      { id: 'a-e2e' },
    );
    expect(actions.map((a) => a.action).sort()).toEqual(['delivery:retry', 'delivery:sent']);
    expect(actions.find((a) => a.action === 'delivery:retry')?.detail).toBe('值班群-wecom: attempt 1/5: HTTP 502: bad gateway');
  });
});
