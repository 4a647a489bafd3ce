export { createStore, quoteIdent, StoreClosedError, type CreateStoreOptions } from './clickhouse/create-store';
export { migrate, loadMigrations, splitStatements, MIGRATIONS_DIR, type Migration, type MigrationReport } from './clickhouse/migrate';
export { createInProcessBus, type InProcessBusOptions } from './bus/in-process-bus';
export { toDateTime64, fromDateTime64 } from './time';
export { createKafkaBus, type KafkaBusOptions } from './bus/kafka-bus';
export { startHttpFront, sqlStringLiteral, type HttpFront, type HttpFrontOptions } from './clickhouse/http-front';
export { startLocalBroker, type LocalBroker } from './kafka/local-broker';
