import { accountSnapshotInputSchema, type AccountSnapshot, type SnapshotIngestResponse, type Store } from '@fenghuo/shared';
import { toDateTime64 } from '@fenghuo/infra';

const COLUMNS = ['platform', 'account_id', 'at', 'followers', 'posts', 'likes', 'comments', 'reposts', 'engagement', 'engagers_sampled', 'engagers_new_or_inactive', 'source'] as const;
export const MAX_SNAPSHOTS_PER_REQUEST = 10_000;

/**
 * Validates and stores audience snapshots. Each row stands alone: a bad row
 * is stored in `account_snapshot_rejects` with its reason and reported by
 * its index, the good ones are stored.
 */
export async function ingestSnapshots(store: Store, rows: readonly unknown[], source: string, now: number = Date.now()): Promise<SnapshotIngestResponse> {
  const good: AccountSnapshot[] = [];
  const errors: SnapshotIngestResponse['errors'] = [];
  rows.forEach((raw, index) => {
    const r = accountSnapshotInputSchema.safeParse(raw);
    if (r.success) {
      if (r.data.engagers_new_or_inactive !== undefined && (r.data.engagers_sampled === undefined || r.data.engagers_new_or_inactive > r.data.engagers_sampled)) {
        errors.push({ index, reason: 'engagers_new_or_inactive: needs engagers_sampled and cannot exceed it' });
      } else if (r.data.at > now + 3_600_000) {
        errors.push({ index, reason: 'at: more than an hour in the future' });
      } else good.push(r.data);
    } else errors.push({ index, reason: r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ') });
  });
  const n = (v: number | undefined) => (v === undefined ? null : v);
  if (good.length) {
    await store.insert('account_snapshots', COLUMNS, good.map((s) => [s.platform, s.account_id, toDateTime64(s.at), s.followers, n(s.posts), n(s.likes), n(s.comments), n(s.reposts), n(s.engagement), n(s.engagers_sampled), n(s.engagers_new_or_inactive), source]));
  }
  if (errors.length) {
    await store.insert('account_snapshot_rejects', ['rejected_at', 'source', 'reason', 'raw'], errors.map((e) => [toDateTime64(now), source, e.reason, JSON.stringify(rows[e.index] ?? null).slice(0, 10_000)]));
  }
  return { accepted: good.length, rejected: errors.length, errors };
}
