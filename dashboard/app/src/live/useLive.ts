import { useEffect, useRef, useState } from 'react';
import { createLiveClient, type LiveStatus } from './live-client';

/** Subscribes a component to a live feed for as long as it is mounted; the handler may change between renders. */
export function useLive(url: string | undefined, events: readonly string[], onEvent: (event: string, data: unknown) => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>({ state: 'connecting', lastMessageAt: 0 });
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = events.join(',');
  useEffect(() => {
    if (!url) return;
    const client = createLiveClient({ url, events: key.split(','), onEvent: (e, d) => handler.current(e, d), onStatus: setStatus });
    return () => client.close();
  }, [url, key]);
  return status;
}
