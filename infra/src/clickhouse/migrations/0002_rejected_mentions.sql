-- Every record that was not stored as a mention, kept as received with the
-- reason. reject_id hashes (source, position, code, raw), so a record resent
-- or redelivered is kept once.
CREATE TABLE IF NOT EXISTS rejected_mentions
(
    reject_id       String,
    rejected_at     DateTime64(3, 'UTC'),
    source          LowCardinality(String),
    code            LowCardinality(String),
    reason          String,
    raw             String CODEC(ZSTD(3)),
    raw_encoding    LowCardinality(String) DEFAULT 'utf8',
    position        Int64 DEFAULT -1,
    platform        String DEFAULT '',
    id              String DEFAULT '',
    kafka_partition Int32 DEFAULT -1,
    kafka_offset    Int64 DEFAULT -1
)
ENGINE = ReplacingMergeTree
ORDER BY reject_id;
