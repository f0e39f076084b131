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

/** The write side of a SQL log: appends queued for group commit, and a way to wait them out. */
export type LogWriter = Readonly<{
  append: (
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ) => Promise<AppendResult>;
  drain: () => Promise<void>;
}>;

/** The read side of a SQL log, as the port asks for it. */
export type LogReader = Readonly<{
  readStream: (streamId: string, options?: ReadStreamOptions) => AsyncIterable<RecordedEvent>;
  readStreams: (reads: readonly StreamRead[]) => AsyncIterable<RecordedEvent>;
  readAll: (options?: ReadAllOptions) => AsyncIterable<RecordedEvent>;
  readAllPages: (options?: ReadAllPagesOptions) => AsyncIterable<readonly RecordedEvent[]>;
  head: () => bigint | Promise<bigint>;
}>;

/**
 * What the SQLite and PostgreSQL adapters share: the port's calls handed to a writer and a reader,
 * refused once the store is closed, and a close that writes what is queued, ends the subscriptions,
 * and only then lets the adapter close its connections.
 */
export abstract class SqlEventStore implements EventStore {
  readonly #writer: LogWriter;
  readonly #reader: LogReader;
  readonly #subscriptions = new Set<Subscription>();
  #closed = false;

  protected constructor(writer: LogWriter, reader: LogReader) {
    this.#writer = writer;
    this.#reader = reader;
  }

  /** A live subscription on this log; `onEnd` must be called when it ends. */
  protected abstract openSubscription(
    options: SubscribeOptions,
    onEnd: (subscription: Subscription) => void,
  ): Subscription;

  /** Closes the adapter's connections: the writer is drained and the subscriptions are ended by now. */
  protected abstract closeConnections(): Promise<void>;

  /** The store as the error after close names it, e.g. its file. */
  protected abstract describe(): string;

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

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.#assertOpen();
    const subscription = this.openSubscription(options, (ended) => this.#subscriptions.delete(ended));
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    this.#assertOpen();
    return this.#reader.head();
  }

  /** Writes what is already queued, ends the subscriptions, then closes the connections. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#writer.drain();
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.unsubscribe()));
    await this.closeConnections();
  }

  #assertOpen(): void {
    if (this.#closed) throw this.#closedError();
  }

  #closedError(): Error {
    return new Error(`${this.describe()} is closed.`);
  }
}
