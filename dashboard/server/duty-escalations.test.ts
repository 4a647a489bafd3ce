import { describe, expect, it } from 'vitest';
import type { Alert } from '@fenghuo/shared';
import type { duty as dutyModule, Notifier } from '@fenghuo/analytics';
import { withEscalation } from './duty-escalations';

const alert = { id: 'a1', event_id: 'e1', severity: 'high', title: '化工厂爆炸' } as Alert;
const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A channel delivery that takes `ms`, and a duty that records the pages it starts (and when the store was already closed). */
function parts(ms: number, fail = false) {
  const events: string[] = [];
  let storeClosed = false;
  const notifier: Notifier = {
    notify: async () => {
      await later(ms);
      if (fail) throw new Error('webhook down');
      events.push('delivered');
    },
    drain: async () => {},
    close: async () => void events.push('channels closed'),
  } as unknown as Notifier;
  const duty = {
    alertUnit: async () => 'u-city',
    startEscalation: async (s: { id: string }) => {
      await later(20);
      events.push(storeClosed ? `paged ${s.id} AFTER THE STORE CLOSED` : `paged ${s.id}`);
    },
  } as unknown as dutyModule.Duty;
  return { events, notifier, duty, closeStore: () => (storeClosed = true) };
}

describe('withEscalation', () => {
  it('an opened alert is delivered, then pages the duty officer; close waits for a page whose delivery was still running', async () => {
    const p = parts(100);
    const errors: unknown[] = [];
    const n = withEscalation(p.notifier, p.duty, (e) => errors.push(e));
    // As the analytics worker does: not awaited.
    void n.notify({ alert, action: 'opened' } as Parameters<Notifier['notify']>[0]);
    await n.close();
    p.closeStore();
    await later(200);
    expect(p.events).toEqual(['delivered', 'paged a1', 'channels closed']);
    expect(errors).toEqual([]);
  });

  it('pages only on opening, and not when the delivery failed (the caller hears of the failure)', async () => {
    const p = parts(10, true);
    const n = withEscalation(p.notifier, p.duty, () => {});
    await expect(n.notify({ alert, action: 'opened' } as Parameters<Notifier['notify']>[0])).rejects.toThrow(/webhook down/);
    const q = parts(10);
    const m = withEscalation(q.notifier, q.duty, () => {});
    await m.notify({ alert, action: 'updated' } as Parameters<Notifier['notify']>[0]);
    await m.close();
    await p.notifier.close();
    expect(p.events).toEqual(['channels closed']);
    expect(q.events).toEqual(['delivered', 'channels closed']);
  });
});
