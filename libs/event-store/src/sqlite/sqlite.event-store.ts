import type Database from 'better-sqlite3';
import { resolve } from 'node:path';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadAllPagesOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamRead,
  SubscribeOptions,
  Subscription,
} from '../event-store.port.js';
import { SqliteAppendWriter } from './sqlite.append-writer.js';
import { signalCommit } from './sqlite.commit-signal.js';
import { openKamSqliteDatabase } from './sqlite.connection.js';
import { SqliteEventReader } from './sqlite.event-reader.js';
import { SqliteSubscription } from './sqlite.subscription.js';

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

/**
 * Opens the embedded event store. Throws EventStoreCorruptError for a foreign or damaged file (left
 * untouched) and EventStoreUnavailableError when the data directory cannot be written.
 */
export async function openSqliteEventStore(options: SqliteEventStoreOptions): Promise<SqliteEventStore> {
  const file = resolve(options.file);
  const db = openKamSqliteDatabase({ file, busyTimeoutMs: options.busyTimeoutMs });
  return new SqliteEventStore(db, file, options);
}

export class SqliteEventStore implements EventStore {
  readonly file: string;
  readonly #db: Database.Database;
  readonly #writer: SqliteAppendWriter;
  readonly #reader: SqliteEventReader;
  readonly #pollIntervalMs: number;
  readonly #subscriptions = new Set<SqliteSubscription>();
  #closed = false;

  constructor(db: Database.Database, file: string, options: Omit<SqliteEventStoreOptions, 'file'> = {}) {
    this.file = file;
    this.#db = db;
    this.#writer = new SqliteAppendWriter(
      db,
      options.clock ?? (() => new Date()),
      () => signalCommit(file),
      options.busyTimeoutMs,
    );
    this.#reader = new SqliteEventReader(db);
    this.#pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  }

  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: Readonly<{ expectedRevision?: ExpectedRevision }> = {},
  ): Promise<AppendResult> {
    if (this.#closed) return Promise.reject(this.#closedError());
    return this.#writer.append(streamId, events, options.expectedRevision ?? 'any');
  }

  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    this.#assertOpen();
    return this.#reader.readStream(streamId, options);
  }

  readStreams(reads: readonly StreamRead[]): AsyncIterable<RecordedEvent> {
    this.#assertOpen();
    return this.#reader.readStreams(reads);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    this.#assertOpen();
    return this.#reader.readAll(options);
  }

  readAllPages(options?: ReadAllPagesOptions): AsyncIterable<readonly RecordedEvent[]> {
    this.#assertOpen();
    return this.#reader.readAllPages(options);
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    this.#assertOpen();
    const subscription = new SqliteSubscription(
      {
        reader: this.#reader,
        file: this.file,
        pollIntervalMs: this.#pollIntervalMs,
        onEnd: (ended) => this.#subscriptions.delete(ended),
      },
      options,
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    this.#assertOpen();
    return this.#reader.head();
  }

  /** Writes what is already queued, ends the subscriptions, then closes the file. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#writer.drain();
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.unsubscribe()));
    this.#db.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw this.#closedError();
  }

  #closedError(): Error {
    return new Error(`The event store ${this.file} is closed.`);
  }
}
