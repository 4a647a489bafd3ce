/**
 * One Server-Sent Events connection with the states a wall screen must
 * show: `connecting`, `live`, `reconnecting` (the browser is retrying) and
 * `stale` (nothing, not even the heartbeat, for `staleAfterMs`). A feed
 * that the server closed for good (HTTP error) is opened again with
 * growing back-off; a silent one is dropped and opened again.
 */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'stale';

export interface LiveStatus {
  state: LiveState;
  /** Last message of any kind (ms since epoch), 0 before the first. */
  lastMessageAt: number;
}

export interface LiveClientOptions {
  url: string;
  /** Named SSE events to listen to. */
  events: readonly string[];
  onEvent: (event: string, data: unknown) => void;
  onStatus?: (status: LiveStatus) => void;
  staleAfterMs?: number;
  /** For tests: the EventSource constructor. */
  EventSourceImpl?: typeof EventSource;
}

export interface LiveClient {
  status(): LiveStatus;
  close(): void;
}

export function createLiveClient(options: LiveClientOptions): LiveClient {
  const Impl = options.EventSourceImpl ?? EventSource;
  const staleAfter = options.staleAfterMs ?? 15_000;
  let source: EventSource | undefined;
  let status: LiveStatus = { state: 'connecting', lastMessageAt: 0 };
  let closed = false;
  let backoff = 1000;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let watchdog: ReturnType<typeof setInterval> | undefined;
  const listeners: [string, (e: MessageEvent) => void][] = [];

  const setStatus = (next: Partial<LiveStatus>) => {
    const s = { ...status, ...next };
    if (s.state === status.state && s.lastMessageAt === status.lastMessageAt) return;
    status = s;
    options.onStatus?.(status);
  };

  const detach = () => {
    if (!source) return;
    for (const [name, fn] of listeners) source.removeEventListener(name, fn as EventListener);
    listeners.length = 0;
    source.onopen = null;
    source.onerror = null;
    source.close();
    source = undefined;
  };

  const open = () => {
    if (closed) return;
    detach();
    const es = new Impl(options.url, { withCredentials: true });
    source = es;
    es.onopen = () => {
      backoff = 1000;
    };
    es.onerror = () => {
      if (closed) return;
      if (es.readyState === 2) {
        // Closed for good (an HTTP error such as 401 or 503): try again later ourselves.
        detach();
        setStatus({ state: 'reconnecting' });
        retryTimer = setTimeout(open, backoff);
        backoff = Math.min(backoff * 2, 30_000);
      } else {
        setStatus({ state: 'reconnecting' });
      }
    };
    for (const name of [...options.events, 'ping']) {
      const fn = (e: MessageEvent) => {
        setStatus({ state: 'live', lastMessageAt: Date.now() });
        if (name === 'ping') return;
        let data: unknown;
        try {
          data = JSON.parse(String(e.data));
        } catch {
          return;
        }
        options.onEvent(name, data);
      };
      es.addEventListener(name, fn as EventListener);
      listeners.push([name, fn]);
    }
  };

  watchdog = setInterval(() => {
    if (closed) return;
    const since = status.lastMessageAt;
    if (status.state === 'live' && since && Date.now() - since > staleAfter) {
      setStatus({ state: 'stale' });
      open();
    }
  }, 1000);

  open();
  return {
    status: () => status,
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (watchdog) clearInterval(watchdog);
      watchdog = undefined;
      detach();
    },
  };
}
