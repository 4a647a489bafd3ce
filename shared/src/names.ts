/** Table and topic names shared by every package. */
export const TABLES = {
  migrations: 'schema_migrations',
  mentions: 'mentions',
  mentionKeys: 'mention_keys',
  rejected: 'rejected_mentions',
  events: 'events',
  eventMentions: 'event_mentions',
  eventMinutes: 'event_minutes',
  mentionMinutes: 'mention_minutes',
  keywordMinutes: 'keyword_minutes',
  alerts: 'alerts',
  alertLog: 'alert_log',
  alertRules: 'alert_rules',
  channels: 'notification_channels',
  deliveries: 'alert_deliveries',
  debunkClaims: 'debunk_claims',
  analyticsState: 'analytics_state',
} as const;

/** Columns of a stored mention as the writer sends them (times as epoch ms and lists joined by U+001F, into EPHEMERAL inputs). */
export const MENTION_COLUMNS = [
  'platform', 'id', 'kind', 'time_ms', 'text', 'title', 'url',
  'author_id', 'author_name', 'author_followers', 'author_verified', 'author_verified_type', 'author_location', 'author_official',
  'parent_id', 'root_id', 'reposts', 'comments', 'likes', 'views',
  'region', 'province_code', 'province', 'city_code', 'city', 'region_source',
  'tokens_joined', 'keywords_joined', 'simhash', 'sentiment', 'sentiment_label',
  'raw', 'source', 'received_at_ms', 'kafka_partition', 'kafka_offset',
] as const;

export const TOPICS = {
  mentionsRaw: 'mentions.raw',
  mentionsDlq: 'mentions.dlq',
  /** Alert changes (opened, escalated, acknowledged, resolved) for live streams and notifications. */
  alerts: 'alerts',
  /** Requests to the analytics worker (acknowledge an alert, reload rules). */
  analyticsCommands: 'analytics.commands',
} as const;

export const CONSUMER_GROUPS = {
  ingestWorker: 'fenghuo-ingest-worker',
  analyticsWorker: 'fenghuo-analytics-worker',
} as const;
