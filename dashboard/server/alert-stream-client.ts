/**
 * A small Server-Sent Events reader for the alert stream (benchmarks, tests,
 * scripts): what a wall display does in the browser with EventSource.
 */
/** Reads Server-Sent Events from `url`, calling `onEvent` for each, until `signal` aborts. */
export async function followAlertStream(url: string, signal: AbortSignal, onEvent: (event: string, data: string) => void, headers: Record<string, string> = {}): Promise<void> {
  const res = await fetch(url, { signal, headers: { Accept: 'text/event-stream', ...headers } });
  if (!res.ok || !res.body) throw new Error(`alert stream: HTTP ${res.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
        }
        if (data.length) onEvent(event, data.join('\n'));
      }
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}

