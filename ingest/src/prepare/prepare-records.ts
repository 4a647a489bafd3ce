import { createMentionValidator, mentionKey, type Mention } from '@fenghuo/shared';
import type { Enricher, Enrichment } from '../enrich/enrich-mention';

/**
 * A batch of bus records to turn into table rows, as parallel arrays (cheap
 * to hand to a worker thread).
 */
export interface PrepareInput {
  /** Each record's value: a mention as JSON. */
  values: string[];
  /** Validated already by this process (in-process bus): skip validation. */
  trusted: boolean;
  sources: string[];
  receivedAt: number[];
  /** Kafka partition per record, -1 without Kafka. */
  partitions: number[];
  offsets: string[];
}

/** Per record: a row ready for the store, or why it was rejected. */
export interface PrepareOutput {
  /** platform:id ('' when the record did not decode). */
  keys: string[];
  /** The JSONCompactEachRow row of MENTION_COLUMNS ('' when rejected). */
  rows: string[];
  /** '' when prepared, else the rejection code… */
  codes: string[];
  /** …and its reason. */
  reasons: string[];
  platforms: string[];
  ids: string[];
}

export { MENTION_COLUMNS } from '@fenghuo/shared';

const LIST_SEPARATOR = '\u001f';

export interface RowMeta {
  source: string;
  receivedAt: number;
  kafkaPartition?: number;
  kafkaOffset?: string;
}

/** One table row, in MENTION_COLUMNS order. */
export function mentionRow(x: Mention, e: Enrichment, meta: RowMeta): unknown[] {
  const a = x.author;
  const p = e.place;
  return [
    x.platform, x.id, x.kind, x.time, x.text, x.title ?? '', x.url ?? '',
    a?.id ?? '', a?.name ?? '', a?.followers ?? null, a?.verified ?? false, a?.verified_type ?? null, a?.location ?? '', a?.official ?? false,
    x.parent_id ?? '', x.root_id ?? '', x.metrics?.reposts ?? null, x.metrics?.comments ?? null, x.metrics?.likes ?? null, x.metrics?.views ?? null,
    x.region ?? '', p?.provinceCode ?? '', p?.province ?? '', p?.cityCode ?? '', p?.city ?? '', e.regionSource,
    e.tokens.join(LIST_SEPARATOR), e.keywords.join(LIST_SEPARATOR), e.simhash, e.sentiment, e.sentimentLabel,
    x.raw ?? '', meta.source, meta.receivedAt, meta.kafkaPartition ?? -1, meta.kafkaOffset ?? '-1',
  ];
}

export interface Preparer {
  prepare(input: PrepareInput): Promise<PrepareOutput>;
  close(): Promise<void>;
}

/** Decode → validate (unless trusted) → enrich → serialise, for every record. Pure but for the clock. */
export function prepareRecords(input: PrepareInput, enrich: Enricher, validate = createMentionValidator()): PrepareOutput {
  const n = input.values.length;
  const out: PrepareOutput = { keys: [], rows: [], codes: [], reasons: [], platforms: [], ids: [] };
  const fail = (code: string, reason: string, platform = '', id = '') => {
    out.keys.push('');
    out.rows.push('');
    out.codes.push(code);
    out.reasons.push(reason);
    out.platforms.push(platform);
    out.ids.push(id);
  };
  for (let i = 0; i < n; i++) {
    let decoded: unknown;
    try {
      decoded = JSON.parse(input.values[i]!);
    } catch (error) {
      fail('undecodable', `bus record is not JSON: ${(error as Error).message}`);
      continue;
    }
    let mention: Mention;
    if (input.trusted) {
      mention = decoded as Mention;
    } else {
      const v = validate(decoded);
      if (!v.ok) {
        const o = (typeof decoded === 'object' && decoded !== null ? decoded : {}) as { platform?: unknown; id?: unknown };
        fail(v.code, v.error, typeof o.platform === 'string' ? o.platform.slice(0, 64) : '', typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id).slice(0, 256) : '');
        continue;
      }
      mention = v.mention;
    }
    const e = enrich(mention);
    if (!e.ok) {
      fail(e.code, e.reason, mention.platform, mention.id);
      continue;
    }
    const meta: RowMeta = { source: input.sources[i]!, receivedAt: input.receivedAt[i]! };
    if (input.partitions[i]! >= 0) {
      meta.kafkaPartition = input.partitions[i]!;
      meta.kafkaOffset = input.offsets[i]!;
    }
    out.keys.push(mentionKey(mention));
    out.rows.push(JSON.stringify(mentionRow(mention, e.value, meta)));
    out.codes.push('');
    out.reasons.push('');
    out.platforms.push(mention.platform);
    out.ids.push(mention.id);
  }
  return out;
}
