/** Table and topic names shared by every package. */
export const TABLES = {
  migrations: 'schema_migrations',
  mentions: 'mentions',
  mentionKeys: 'mention_keys',
  rejected: 'rejected_mentions',
} as const;

export const TOPICS = {
  mentionsRaw: 'mentions.raw',
  mentionsDlq: 'mentions.dlq',
} as const;

export const CONSUMER_GROUPS = {
  ingestWorker: 'fenghuo-ingest-worker',
} as const;
