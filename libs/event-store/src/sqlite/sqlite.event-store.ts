import type Database from 'better-sqlite3';
import { resolve } from 'node:path';
import type { SubscribeOptions, Subscription } from '../event-store.port.js';
import { PollingSubscription } from '../sql/polling-subscription.js';
import { SqlEventStore } from '../sql/sql-event-store.js';
import { SqliteAppendWriter } from './sqlite.append-writer.js';
import { onCommit, signalCommit } from './sqlite.commit-signal.js';
import { openKamSqliteDatabase } from './sqlite.connection.js';
import { READ_PAGE_SIZE, SqliteEventReader } from './sqlite.event-reader.js';
import { filterClause } from './sqlite.event-row.js';

export type SqliteEventStoreOptions = Readonly<{
  /** The database file, e.g. `<data-dir>/kam.db`; its directory is created when missing. */
  file: string;
  /** Gives `recordedAt`. Defaults to real time. */
  clock?: () => Date;
  /** How often a live subscription looks for other processes' appends. */
  pollIntervalMs?: number;
  /** How long an append waits for another process's write transaction. */
  busyTimeoutMs?: number;
}>;

const DEFAULT_POLL_INTERVAL_MS = 200;
const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

/**
 * Opens the embedded event store. Throws EventStoreCorruptError for a foreign or damaged file (left
 * untouched) and EventStoreUnavailableError when the data directory cannot be written.
 */
export async function openSqliteEventStore(options: SqliteEventStoreOptions): Promise<SqliteEventStore> {
  const file = resolve(options.file);
  const db = openKamSqliteDatabase({ file, busyTimeoutMs: options.busyTimeoutMs });
  return new SqliteEventStore(db, file, options);
}

export class SqliteEventStore extends SqlEventStore {
  readonly file: string;
  readonly #db: Database.Database;
  readonly #reader: SqliteEventReader;
  readonly #pollIntervalMs: number;

  constructor(db: Database.Database, file: string, options: Omit<SqliteEventStoreOptions, 'file'> = {}) {
    const reader = new SqliteEventReader(db);
    const writer = new SqliteAppendWriter(
      db,
      options.clock ?? (() => new Date()),
      () => signalCommit(file),
      options.busyTimeoutMs,
    );
    super(writer, reader);
    this.file = file;
    this.#db = db;
    this.#reader = reader;
    this.#pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  }

  /** Commits in this process are signalled at once; other processes' are found by the poll. */
  protected openSubscription(
    options: SubscribeOptions,
    onEnd: (subscription: Subscription) => void,
  ): Subscription {
    const filter = filterClause(options.filter);
    return new PollingSubscription(
      {
        pageAfter: (after, limit) => this.#reader.pageAfter(after, filter, limit),
        pageSize: READ_PAGE_SIZE,
        onCommit: (listener) => onCommit(this.file, listener),
        pollIntervalMs: this.#pollIntervalMs,
        onEnd,
      },
      options.after,
    );
  }

  /**
   * A commit that finds the WAL past SQLite's threshold (1,000 pages) checkpoints it on the spot, on
   * the committing thread: many milliseconds of copying and fsync inside one append. Call this only
   * with `another-connection` while one checkpoints the file (startWalCheckpoints), or the WAL grows
   * without bound; `this-writer` (the default) takes them back.
   */
  walCheckpointsBy(who: 'this-writer' | 'another-connection'): void {
    if (!this.#db.open) return;
    const pages = who === 'this-writer' ? SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES : 0;
    this.#db.pragma(`wal_autocheckpoint = ${pages}`);
  }

  protected async closeConnections(): Promise<void> {
    this.#db.close();
  }

  protected describe(): string {
    return `The event store ${this.file}`;
  }
}
