import type pg from 'pg';
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
