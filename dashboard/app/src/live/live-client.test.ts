import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLiveClient, type LiveStatus } from './live-client';

/** A stand-in for the browser's EventSource that the test drives. */
class FakeSource {
  static all: FakeSource[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  private listeners = new Map<string, Set<(e: MessageEvent) => void>>();
  constructor(readonly url: string) {
    FakeSource.all.push(this);
  }
  addEventListener(name: string, fn: (e: MessageEvent) => void) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name)!.add(fn);
  }
  removeEventListener(name: string, fn: (e: MessageEvent) => void) {
    this.listeners.get(name)?.delete(fn);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  listenerCount() {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }
  emit(name: string, data: unknown) {
    this.readyState = 1;
    for (const fn of this.listeners.get(name) ?? []) fn({ data: JSON.stringify(data) } as MessageEvent);
  }
  fail(closedForGood: boolean) {
    this.readyState = closedForGood ? 2 : 0;
    this.onerror?.();
  }
}

describe('live client', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSource.all = [];
  });
  afterEach(() => vi.useRealTimers());

  const start = (events: { name: string; data: unknown }[], statuses: LiveStatus[]) =>
    createLiveClient({
      url: '/api/v1/live',
      events: ['wall', 'alert'],
      onEvent: (name, data) => events.push({ name, data }),
      onStatus: (s) => statuses.push(s),
      staleAfterMs: 10_000,
      EventSourceImpl: FakeSource as unknown as typeof EventSource,
    });

  it('goes live on the first message and hands named events over parsed', () => {
    const events: { name: string; data: unknown }[] = [];
    const statuses: LiveStatus[] = [];
    const c = start(events, statuses);
    expect(c.status().state).toBe('connecting');
    FakeSource.all[0]!.emit('wall', { n: 1 });
    expect(c.status().state).toBe('live');
    expect(events).toEqual([{ name: 'wall', data: { n: 1 } }]);
    c.close();
  });

  it('shows reconnecting while the browser retries, and live again when data flows', () => {
    const c = start([], []);
    const s = FakeSource.all[0]!;
    s.emit('ping', {});
    s.fail(false);
    expect(c.status().state).toBe('reconnecting');
    s.emit('ping', {});
    expect(c.status().state).toBe('live');
    c.close();
  });

  it('opens the feed again itself after the server refused it, backing off', () => {
    const c = start([], []);
    FakeSource.all[0]!.fail(true);
    expect(FakeSource.all[0]!.closed).toBe(true);
    expect(FakeSource.all).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(FakeSource.all).toHaveLength(2);
    FakeSource.all[1]!.fail(true);
    vi.advanceTimersByTime(1000);
    expect(FakeSource.all).toHaveLength(2);
    vi.advanceTimersByTime(1000);
    expect(FakeSource.all).toHaveLength(3);
    c.close();
  });

  it('calls a silent feed stale (with when it last heard) and opens a new one', () => {
    const c = start([], []);
    vi.setSystemTime(1_000_000);
    FakeSource.all[0]!.emit('ping', {});
    vi.advanceTimersByTime(11_000);
    expect(c.status()).toEqual({ state: 'stale', lastMessageAt: 1_000_000 });
    expect(FakeSource.all).toHaveLength(2);
    expect(FakeSource.all[0]!.closed).toBe(true);
    c.close();
  });

  it('leaves no listener or timer behind when closed', () => {
    const c = start([], []);
    const s = FakeSource.all[0]!;
    expect(s.listenerCount()).toBe(3);
    c.close();
    expect(s.listenerCount()).toBe(0);
    expect(s.closed).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
