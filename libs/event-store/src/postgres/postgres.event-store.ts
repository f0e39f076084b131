import type pg from 'pg';
import type { SubscribeOptions, Subscription } from '../event-store.port.js';
import { PollingSubscription } from '../sql/polling-subscription.js';
import { SqlEventStore } from '../sql/sql-event-store.js';
import { PostgresAppendWriter } from './postgres.append-writer.js';
import { createClient, createPool, describeTarget, translate } from './postgres.connection.js';
import { PostgresEventReader, READ_PAGE_SIZE } from './postgres.event-reader.js';
import { ensureSchema, validateSchemaName } from './postgres.schema.js';
import { CommitSignal } from './postgres.commit-signal.js';

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

export class PostgresEventStore extends SqlEventStore {
  readonly schema: string;
  readonly #pool: pg.Pool;
  readonly #target: string;
  readonly #reader: PostgresEventReader;
  readonly #signal: CommitSignal;
  readonly #pollIntervalMs: number;

  constructor(pool: pg.Pool, options: PostgresEventStoreOptions & Readonly<{ schema: string }>) {
    const target = describeTarget(options.databaseUrl);
    const translateError = (error: unknown): unknown => translate(target, error);
    const signal = new CommitSignal(() => createClient(options), options.schema);
    const reader = new PostgresEventReader(pool, options.schema, translateError);
    const writer = new PostgresAppendWriter({
      pool,
      schema: options.schema,
      clock: options.clock ?? (() => new Date()),
      onCommit: () => signal.emit(),
      translate: translateError,
    });
    super(writer, reader);
    this.schema = options.schema;
    this.#pool = pool;
    this.#target = target;
    this.#reader = reader;
    this.#signal = signal;
    this.#pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  }

  /**
   * Commits anywhere arrive by LISTEN/NOTIFY within a round trip; the poll covers the time the
   * notification connection is down. Positions become visible in order (see postgres.schema.ts), so
   * `position > last` never skips an event.
   */
  protected openSubscription(
    options: SubscribeOptions,
    onEnd: (subscription: Subscription) => void,
  ): Subscription {
    const filter = options.filter;
    return new PollingSubscription(
      {
        pageAfter: (after, limit) => this.#reader.pageAfter(after, filter, limit),
        pageSize: READ_PAGE_SIZE,
        onCommit: (listener) => this.#signal.on(listener),
        beforeWait: () => this.#signal.ensureListening(),
        pollIntervalMs: this.#pollIntervalMs,
        onEnd,
      },
      options.after,
    );
  }

  protected async closeConnections(): Promise<void> {
    await this.#signal.close();
    await this.#pool.end();
  }

  protected describe(): string {
    return `The event store at ${this.#target} (schema ${this.schema})`;
  }
}
