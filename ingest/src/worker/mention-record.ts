import { mentionKey, type BusRecord, type Mention } from '@fenghuo/shared';

/**
 * A mention on the bus: keyed by platform:id (so copies of one mention share
 * a partition and one consumer), the validated mention as JSON in the value,
 * and where/when it was received in headers.
 */
export function encodeMentionRecord(mention: Mention, source: string, receivedAt: number): BusRecord {
  let json: string | undefined;
  return {
    key: mentionKey(mention),
    // Serialised only when something reads it (Kafka, or a record kept as rejected).
    get value() {
      return (json ??= JSON.stringify(mention));
    },
    headers: { source, received_at: String(receivedAt) },
    local: mention,
  };
}
