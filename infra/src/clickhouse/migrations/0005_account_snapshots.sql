-- Audience snapshots of the registered official accounts (followers and
-- engagement as a collector observed them), read by the fake-follower
-- check. One row per (platform, account_id, at): a snapshot sent twice is
-- kept once after merges, and readers take any one of equal rows.
CREATE TABLE IF NOT EXISTS account_snapshots
(
    platform                 LowCardinality(String),
    account_id               String,
    at                       DateTime64(3, 'UTC'),
    followers                UInt64,
    posts                    Nullable(UInt64),
    likes                    Nullable(UInt64),
    comments                 Nullable(UInt64),
    reposts                  Nullable(UInt64),
    engagement               Nullable(UInt64),
    engagers_sampled         Nullable(UInt64),
    engagers_new_or_inactive Nullable(UInt64),
    source                   LowCardinality(String) DEFAULT '',
    received_at              DateTime64(3, 'UTC') DEFAULT now64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (platform, account_id, at);

-- Snapshot rows that were not stored, as received, with the reason.
CREATE TABLE IF NOT EXISTS account_snapshot_rejects
(
    rejected_at DateTime64(3, 'UTC'),
    source      LowCardinality(String),
    reason      String,
    raw         String CODEC(ZSTD(3))
)
ENGINE = MergeTree
ORDER BY rejected_at;
