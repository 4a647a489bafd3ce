-- The response workflow. Every change to a user, unit, account, incident,
-- draft, Q&A entry or reply is a new row of workflow_log carrying the whole
-- state after it: nothing is updated or deleted, the latest row per object
-- is its current state, and the rows before it are its history.
--
-- Optimistic concurrency: a change to version N of an object is inserted
-- with the deduplication token kind/id/N+1, so of two writers that both read
-- version N only the first insert lands; the second reads back another
-- change at N+1 and answers 409 Conflict.
CREATE TABLE IF NOT EXISTS workflow_log
(
    kind     LowCardinality(String),
    id       String,
    seq      UInt32,
    change_id String,
    action   LowCardinality(String),
    actor    String,
    at       DateTime64(3, 'UTC'),
    state    String CODEC(ZSTD(3)),
    deleted  Bool DEFAULT false
)
ENGINE = MergeTree
ORDER BY (kind, id, seq)
SETTINGS non_replicated_deduplication_window = 100000;

-- Who did what, when, with the state before and after. Append-only: the
-- application never updates or deletes a row.
CREATE TABLE IF NOT EXISTS audit_log
(
    at          DateTime64(3, 'UTC'),
    entry_id    String,
    actor       String,
    actor_name  String,
    action      LowCardinality(String),
    object_type LowCardinality(String),
    object_id   String,
    before      String CODEC(ZSTD(3)),
    after       String CODEC(ZSTD(3)),
    ip          String DEFAULT '',
    detail      String DEFAULT ''
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (at, entry_id);

-- Login sessions (hash of the cookie value); a logout is a newer row.
CREATE TABLE IF NOT EXISTS sessions
(
    token_hash String,
    user_id    String,
    csrf_token String,
    created_at DateTime64(3, 'UTC'),
    expires_at DateTime64(3, 'UTC'),
    revoked    Bool DEFAULT false,
    version    UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY token_hash
TTL toDateTime(expires_at) + INTERVAL 1 DAY;
