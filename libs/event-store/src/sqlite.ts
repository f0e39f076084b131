/**
 * The embedded SQLite adapter alone, without the PostgreSQL and EventStoreDB clients and the
 * benchmarks: what a worker thread on the SQLite file loads, in a fraction of the whole library's time.
 */
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
