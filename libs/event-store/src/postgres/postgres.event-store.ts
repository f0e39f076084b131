import type pg from 'pg';
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
import { PostgresAppendWriter } from './postgres.append-writer.js';
import { createClient, createPool, describeTarget, translate } from './postgres.connection.js';
import { PostgresEventReader } from './postgres.event-reader.js';
import { ensureSchema, validateSchemaName } from './postgres.schema.js';
import { CommitSignal, PostgresSubscription } from './postgres.subscription.js';

export type PostgresEventStoreOptions = Readonly<{
  /** `postgres://user:password@host:5432/db`, as in DATABASE_URL. */
  databaseUrl: string;
  /** The PostgreSQL schema holding the log; created on first use. Defaults to `kam`. */
  schema?: string;
  /** Gives `recordedAt`. Defaults to real time. */
  clock?: () => Date;
  /** How long connecting may take before the store counts as unreachable. */
  deadlineMs?: number;
  /** How often a live subscription looks for new events when no notification came. */
  pollIntervalMs?: number;
}>;

export const DEFAULT_POSTGRES_SCHEMA = 'kam';
const DEFAULT_POLL_INTERVAL_MS = 1_000;

/**
 * Opens the PostgreSQL event store: connects, and creates or upgrades its schema, within the deadline.
 * Throws EventStoreUnavailableError naming DATABASE_URL when the server does not answer, and
 * EventStoreCorruptError when the schema belongs to something else or to a newer version.
 */
export async function openPostgresEventStore(
  options: PostgresEventStoreOptions,
): Promise<PostgresEventStore> {
  const schema = validateSchemaName(options.schema ?? DEFAULT_POSTGRES_SCHEMA);
  const target = describeTarget(options.databaseUrl);
  const pool = createPool(options);
  try {
    const client = await pool.connect();
    try {
      await ensureSchema(client, schema);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw translate(target, error);
  }
  return new PostgresEventStore(pool, { ...options, schema });
}

export class PostgresEventStore implements EventStore {
  readonly schema: string;
  readonly #pool: pg.Pool;
  readonly #target: string;
  readonly #writer: PostgresAppendWriter;
  readonly #reader: PostgresEventReader;
  readonly #signal: CommitSignal;
  readonly #pollIntervalMs: number;
  readonly #subscriptions = new Set<PostgresSubscription>();
  #closed = false;

  constructor(pool: pg.Pool, options: PostgresEventStoreOptions & Readonly<{ schema: string }>) {
    this.schema = options.schema;
    this.#pool = pool;
    this.#target = describeTarget(options.databaseUrl);
    const translateError = (error: unknown): unknown => translate(this.#target, error);
    this.#signal = new CommitSignal(() => createClient(options), options.schema);
    this.#writer = new PostgresAppendWriter({
      pool,
      schema: options.schema,
      clock: options.clock ?? (() => new Date()),
      onCommit: () => this.#signal.emit(),
      translate: translateError,
    });
    this.#reader = new PostgresEventReader(pool, options.schema, translateError);
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
    const subscription = new PostgresSubscription(
      {
        reader: this.#reader,
        signal: this.#signal,
        pollIntervalMs: this.#pollIntervalMs,
        onEnd: (ended) => this.#subscriptions.delete(ended),
      },
      options,
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  headPosition(): Promise<bigint> {
    if (this.#closed) return Promise.reject(this.#closedError());
    return this.#reader.head();
  }

  /** Writes what is already queued, ends the subscriptions, then closes the connections. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#writer.drain();
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.unsubscribe()));
    await this.#signal.close();
    await this.#pool.end();
  }

  #assertOpen(): void {
    if (this.#closed) throw this.#closedError();
  }

  #closedError(): Error {
    return new Error(`The event store at ${this.#target} (schema ${this.schema}) is closed.`);
  }
}
