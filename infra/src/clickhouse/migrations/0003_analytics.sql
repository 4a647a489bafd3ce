-- Analytics: events (clusters of mentions), their members, per-minute
-- aggregates, alerts and their log, user rules, notification channels and
-- deliveries, the debunk knowledge base. Small, mutable tables are
-- ReplacingMergeTree by id with a version, read with FINAL.

CREATE TABLE IF NOT EXISTS events
(
    event_id       String,
    title          String,
    representative String,
    keywords       Array(String),
    first_seen     DateTime64(3, 'UTC'),
    last_seen      DateTime64(3, 'UTC'),
    size           UInt32,
    recent         UInt32,
    expected       Float32,
    platforms      Map(String, UInt32),
    provinces      Map(String, UInt32),
    cities         Map(String, UInt32),
    positive       UInt32,
    negative       UInt32,
    neutral        UInt32,
    rumor_score    Float32,
    rumor_signals  String DEFAULT '[]',
    kb_match       String DEFAULT '',
    merged_into    String DEFAULT '',
    version        UInt64,
    INDEX idx_last last_seen TYPE minmax GRANULARITY 1
)
ENGINE = ReplacingMergeTree(version)
ORDER BY event_id;

-- Which event each mention belongs to (mentions of events that reached 3).
CREATE TABLE IF NOT EXISTS event_mentions
(
    event_id String,
    platform LowCardinality(String),
    id       String,
    time     DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (event_id, platform, id);

-- Per-minute aggregates: dashboards never scan raw mentions for a series.
CREATE TABLE IF NOT EXISTS event_minutes
(
    event_id String,
    minute   DateTime('UTC'),
    platform LowCardinality(String),
    mentions UInt64
)
ENGINE = SummingMergeTree
ORDER BY (event_id, minute, platform);

CREATE MATERIALIZED VIEW IF NOT EXISTS event_minutes_mv TO event_minutes AS
SELECT event_id, toStartOfMinute(time) AS minute, platform, count() AS mentions
FROM event_mentions
GROUP BY event_id, minute, platform;

CREATE TABLE IF NOT EXISTS mention_minutes
(
    minute          DateTime('UTC'),
    platform        LowCardinality(String),
    province        LowCardinality(String),
    sentiment_label LowCardinality(String),
    mentions        UInt64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, platform, province, sentiment_label);

CREATE MATERIALIZED VIEW IF NOT EXISTS mention_minutes_mv TO mention_minutes AS
SELECT toStartOfMinute(time) AS minute, platform, province, sentiment_label, count() AS mentions
FROM mentions
GROUP BY minute, platform, province, sentiment_label;

CREATE TABLE IF NOT EXISTS keyword_minutes
(
    minute   DateTime('UTC'),
    keyword  String,
    mentions UInt64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (keyword, minute);

CREATE MATERIALIZED VIEW IF NOT EXISTS keyword_minutes_mv TO keyword_minutes AS
SELECT toStartOfMinute(time) AS minute, arrayJoin(keywords) AS keyword, count() AS mentions
FROM mentions
GROUP BY minute, keyword;

CREATE TABLE IF NOT EXISTS alerts
(
    alert_id   String,
    event_id   String,
    severity   LowCardinality(String),
    status     LowCardinality(String),
    opened_at  DateTime64(3, 'UTC'),
    updated_at DateTime64(3, 'UTC'),
    body       String CODEC(ZSTD(3)),
    version    UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY alert_id;

-- Append-only: every open, escalation, acknowledgement, resolution and delivery attempt.
CREATE TABLE IF NOT EXISTS alert_log
(
    alert_id String,
    at       DateTime64(3, 'UTC'),
    action   LowCardinality(String),
    severity LowCardinality(String),
    actor    String DEFAULT '',
    detail   String DEFAULT ''
)
ENGINE = MergeTree
ORDER BY (alert_id, at);

CREATE TABLE IF NOT EXISTS alert_rules
(
    rule_id String,
    body    String,
    deleted Bool DEFAULT false,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY rule_id;

CREATE TABLE IF NOT EXISTS notification_channels
(
    channel_id String,
    body       String,
    deleted    Bool DEFAULT false,
    version    UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY channel_id;

CREATE TABLE IF NOT EXISTS alert_deliveries
(
    delivery_id String,
    alert_id    String,
    channel_id  String,
    status      LowCardinality(String),
    attempts    UInt16,
    last_error  String DEFAULT '',
    updated_at  DateTime64(3, 'UTC'),
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY delivery_id;

CREATE TABLE IF NOT EXISTS debunk_claims
(
    claim_id String,
    body     String,
    deleted  Bool DEFAULT false,
    version  UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY claim_id;

CREATE TABLE IF NOT EXISTS analytics_state
(
    key     String,
    value   String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY key;
