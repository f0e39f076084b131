import type pg from 'pg';
import type { EventFilter, RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port.js';
import { READ_PAGE_SIZE, type PostgresEventReader } from './postgres.event-reader.js';
import { COMMIT_CHANNEL } from './postgres.schema.js';

/**
 * One LISTEN connection per store, shared by its subscriptions: append_batch NOTIFYs on commit, so
 * other processes' appends arrive within a round trip. The connection is best-effort: while it is
 * down the subscriptions poll, and it is opened again on the next poll.
 */
export class CommitSignal {
  readonly #connect: () => pg.Client;
  readonly #schema: string;
  readonly #listeners = new Set<() => void>();
  #client: pg.Client | null = null;
  #connecting: Promise<void> | null = null;
  #closed = false;

  constructor(connect: () => pg.Client, schema: string) {
    this.#connect = connect;
    this.#schema = schema;
  }

  /** Calls `listener` after every commit of this store; returns the way to stop. */
  on(listener: () => void): () => void {
    this.#listeners.add(listener);
    this.ensureListening();
    return () => this.#listeners.delete(listener);
  }

  /** This process's own commits: no need to wait for the notification. */
  emit(): void {
    for (const listener of this.#listeners) listener();
  }

  ensureListening(): void {
    if (this.#closed || this.#client !== null || this.#connecting !== null || this.#listeners.size === 0)
      return;
    const client = this.#connect();
    client.on('error', () => this.#drop(client));
    client.on('end', () => this.#drop(client));
    client.on('notification', (message) => {
      if (message.payload === this.#schema) this.emit();
    });
    this.#connecting = client
      .connect()
      .then(() => client.query(`LISTEN ${COMMIT_CHANNEL}`))
      .then(() => {
        if (this.#closed) return client.end();
        this.#client = client;
        // Whatever was committed while connecting was not notified: have a look.
        this.emit();
      })
      .catch(() => this.#drop(client))
      .finally(() => (this.#connecting = null));
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
    await this.#connecting;
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }

  #drop(client: pg.Client): void {
    if (this.#client === client) this.#client = null;
    void client.end().catch(() => undefined);
  }
}

export type PostgresSubscriptionDeps = Readonly<{
  reader: PostgresEventReader;
  signal: CommitSignal;
  pollIntervalMs: number;
  onEnd: (subscription: PostgresSubscription) => void;
}>;

/**
 * Catch-up and live are one loop, as in the SQLite adapter: read the page after the last delivered
 * position; when the log is exhausted, wait for a commit notification or the poll timer. Positions
 * become visible in order (see postgres.schema.ts), so `position > last` never skips an event.
 */
export class PostgresSubscription implements Subscription {
  readonly #deps: PostgresSubscriptionDeps;
  readonly #filter: EventFilter | undefined;
  readonly #after: bigint;
  readonly #stopListening: () => void;
  #iterator: AsyncGenerator<RecordedEvent> | undefined;
  #closed = false;
  #committedSinceRead = false;
  #wake: (() => void) | undefined;

  constructor(deps: PostgresSubscriptionDeps, options: SubscribeOptions = {}) {
    this.#deps = deps;
    this.#filter = options.filter;
    this.#after = options.after ?? -1n;
    this.#stopListening = deps.signal.on(() => {
      this.#committedSinceRead = true;
      this.#wake?.();
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    this.#iterator ??= this.#run();
    return this.#iterator;
  }

  async unsubscribe(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopListening();
    this.#wake?.();
    this.#deps.onEnd(this);
  }

  async *#run(): AsyncGenerator<RecordedEvent> {
    let after = this.#after;
    try {
      while (!this.#closed) {
        this.#committedSinceRead = false;
        const page = await this.#deps.reader.pageAfter(after, this.#filter, READ_PAGE_SIZE);
        for (const event of page) {
          if (this.#closed) return;
          yield event;
          after = event.position;
        }
        if (this.#closed) return;
        if (page.length < READ_PAGE_SIZE && !this.#committedSinceRead) await this.#nextCommitOrPoll();
      }
    } finally {
      // A consumer that breaks out of its for-await loop is done with the subscription too.
      await this.unsubscribe();
    }
  }

  #nextCommitOrPoll(): Promise<void> {
    this.#deps.signal.ensureListening();
    return new Promise((resolve) => {
      const timer = setTimeout(() => wake(), this.#deps.pollIntervalMs);
      const wake = (): void => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      this.#wake = wake;
    });
  }
}
