-- The normalised mention with its enrichment and ingest metadata.
-- One row per (platform, id): the mention writer checks mention_keys before
-- every insert, so no query ever counts a duplicate. ReplacingMergeTree on the
-- same key is the second line of defence (two writers racing during a Kafka
-- rebalance), folded away by background merges.
--
-- Writers send times as epoch milliseconds and token lists as one string
-- joined by U+001F, into EPHEMERAL input columns that ClickHouse turns into
-- the stored DateTime64 and Array(String) columns: parsing those is a third
-- cheaper than parsing date text and JSON arrays (docs/benchmarks.md).
CREATE TABLE IF NOT EXISTS mentions
(
    platform             LowCardinality(String),
    id                   String,
    kind                 LowCardinality(String),
    time_ms              Int64 EPHEMERAL,
    time                 DateTime64(3, 'UTC') DEFAULT fromUnixTimestamp64Milli(time_ms, 'UTC'),
    text                 String CODEC(ZSTD(1)),
    title                String DEFAULT '',
    url                  String DEFAULT '',
    author_id            String DEFAULT '',
    author_name          String DEFAULT '',
    author_followers     Nullable(UInt64),
    author_verified      Bool DEFAULT false,
    author_verified_type Nullable(Int32),
    author_location      String DEFAULT '',
    author_official      Bool DEFAULT false,
    parent_id            String DEFAULT '',
    root_id              String DEFAULT '',
    reposts              Nullable(UInt64),
    comments             Nullable(UInt64),
    likes                Nullable(UInt64),
    views                Nullable(UInt64),
    region               String DEFAULT '',
    province_code        LowCardinality(String) DEFAULT '',
    province             LowCardinality(String) DEFAULT '',
    city_code            LowCardinality(String) DEFAULT '',
    city                 LowCardinality(String) DEFAULT '',
    region_source        LowCardinality(String) DEFAULT '',
    tokens_joined        String EPHEMERAL,
    tokens               Array(String) DEFAULT if(empty(tokens_joined), [], splitByChar('\x1f', tokens_joined)),
    keywords_joined      String EPHEMERAL,
    keywords             Array(String) DEFAULT if(empty(keywords_joined), [], splitByChar('\x1f', keywords_joined)),
    simhash              UInt64,
    sentiment            Float32,
    sentiment_label      LowCardinality(String),
    raw                  String DEFAULT '' CODEC(ZSTD(3)),
    source               LowCardinality(String),
    received_at_ms       Int64 EPHEMERAL,
    received_at          DateTime64(3, 'UTC') DEFAULT fromUnixTimestamp64Milli(received_at_ms, 'UTC'),
    ingested_at          DateTime64(3, 'UTC') DEFAULT now64(3, 'UTC'),
    kafka_partition      Int32 DEFAULT -1,
    kafka_offset         Int64 DEFAULT -1,
    INDEX idx_time time TYPE minmax GRANULARITY 1,
    INDEX idx_ingested ingested_at TYPE minmax GRANULARITY 1
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(time)
ORDER BY (platform, id);

-- Key index for the pre-insert duplicate check: point lookups in RocksDB cost
-- the same at ten thousand rows or ten billion, where a lookup by primary key
-- in the MergeTree reads a whole granule per key (measured: docs/benchmarks.md).
CREATE TABLE IF NOT EXISTS mention_keys
(
    key       String,
    stored_at DateTime64(3, 'UTC')
)
ENGINE = EmbeddedRocksDB
PRIMARY KEY key;

-- Filled by the same INSERT that stores the mention.
CREATE MATERIALIZED VIEW IF NOT EXISTS mention_keys_mv TO mention_keys AS
SELECT concat(platform, ':', id) AS key, ingested_at AS stored_at
FROM mentions;
