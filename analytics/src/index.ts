export { ingestCounts, recentIngestLagP95, type IngestCounts } from './queries/ingest-stats.query';
