export * from './event-store.port.js';
export * from './event-store.errors.js';
export { DEFAULT_READ_PAGE_SIZE, pagesOf, readAllPages } from './read-all-pages.js';
export {
  openSqliteEventStore,
  SqliteEventStore,
  type SqliteEventStoreOptions,
} from './sqlite/sqlite.event-store.js';
export {
  openKamSqliteDatabase,
  withoutBusyWait,
  type KamSqliteDatabaseOptions,
} from './sqlite/sqlite.connection.js';
export { startWalCheckpoints } from './sqlite/sqlite.wal-checkpoints.js';
export { KAM_APPLICATION_ID, KAM_SCHEMA_VERSION } from './sqlite/sqlite.schema.js';
export {
  EventStoreDbEventStore,
  openEventStoreDbEventStore,
  type EventStoreDbOptions,
} from './eventstoredb/eventstoredb.event-store.js';
export { validateEventStoreConnectionString } from './eventstoredb/eventstoredb.connection.js';
export {
  EVENTSTOREDB_BENCHMARK_LABEL,
  runEventStoreDbBenchmark,
  type EventStoreDbBenchmarkOptions,
  type EventStoreDbBenchmarkProgress,
  type EventStoreDbBenchmarkResult,
  type EventStoreDbWorkload,
} from './eventstoredb/eventstoredb.bench.js';
export {
  runAppendBenchmark,
  type AppendBenchmarkOptions,
  type AppendBenchmarkProgress,
  type AppendBenchmarkResult,
  type AppendFigure,
  type AppendWorkload,
} from './bench/append.bench.js';
export {
  DEFAULT_POSTGRES_SCHEMA,
  openPostgresEventStore,
  PostgresEventStore,
  type PostgresEventStoreOptions,
} from './postgres/postgres.event-store.js';
export { KAM_POSTGRES_SCHEMA_VERSION } from './postgres/postgres.schema.js';
export {
  POSTGRES_BENCHMARK_LABEL,
  runPostgresBenchmark,
  type PostgresBenchmarkOptions,
  type PostgresBenchmarkProgress,
  type PostgresBenchmarkResult,
  type PostgresWorkload,
} from './postgres/postgres.bench.js';
