/**
 * The event store port, with EventStoreDB's semantics, so that moving from the embedded SQLite
 * file to PostgreSQL or an EventStoreDB cluster changes configuration, not behaviour.
 */

export const EVENT_STORE = Symbol('EVENT_STORE');

/** `bigint`: the revision of the stream's last event, as read. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export type EventMetadata = Readonly<{
  correlationId: string;
  causationId: string;
  actor: string;
  reason?: string | null;
  schemaVersion: number;
  /** Adapter-specific or future keys survive a round trip. */
  [key: string]: unknown;
}>;

export type EventToAppend = Readonly<{
  /** A UUID. Appending the same ids again with the same expectation is a no-op. */
  id: string;
  type: string;
  data: Readonly<Record<string, unknown>>;
  metadata: EventMetadata;
}>;

export type RecordedEvent = Readonly<{
  id: string;
  streamId: string;
  type: string;
  /** Per-stream, from 0, gapless. */
  revision: bigint;
  /** Global order of the log; a reader never sees N+1 before N. */
  position: bigint;
  /** When the log recorded it (ISO-8601): the engine's "known at" clock. */
  recordedAt: string;
  data: Readonly<Record<string, unknown>>;
  metadata: EventMetadata;
}>;

export type AppendResult = Readonly<{
  /** Revision of the stream's last event after the append: pass it as the next expectation. */
  nextExpectedRevision: bigint;
  /** Global position of the last event written (or already there, on an idempotent re-append). */
  position: bigint;
}>;

export type Direction = 'forwards' | 'backwards';

export type ReadStreamOptions = Readonly<{
  direction?: Direction;
  /** Inclusive. Defaults to the first revision forwards, the last backwards. */
  fromRevision?: bigint;
  maxCount?: number;
}>;

/** One stream of a multi-stream read, forwards from `fromRevision` (inclusive). */
export type StreamRead = Readonly<{ streamId: string; fromRevision: bigint }>;

/**
 * An event passes when its type is one of `eventTypes` AND its stream id starts with one of
 * `streamPrefixes`; a missing or empty list does not constrain.
 */
export type EventFilter = Readonly<{
  eventTypes?: readonly string[];
  streamPrefixes?: readonly string[];
}>;

export type ReadAllOptions = Readonly<{
  /** Exclusive: the position of the last event already seen (a checkpoint). Omit to start at the beginning. */
  after?: bigint;
  maxCount?: number;
  filter?: EventFilter;
}>;

export type ReadAllPagesOptions = ReadAllOptions &
  Readonly<{
    /** Most events per page; defaults to 512. The last page may be shorter; none is empty. */
    pageSize?: number;
  }>;

export type SubscribeOptions = Readonly<{
  /** Exclusive, like `ReadAllOptions.after`: a stored checkpoint resumes right after itself. */
  after?: bigint;
  filter?: EventFilter;
}>;

/**
 * A catch-up subscription: the history from the checkpoint, then live events, each once, in order.
 * It keeps waiting for new events (and the process alive) until unsubscribed or the store is closed.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  /** Ends the iteration; pending reads resolve as done. */
  unsubscribe(): Promise<void>;
}

export interface EventStore {
  /**
   * Appends atomically: all the events or none. `expectedRevision` defaults to 'any'; a mismatch
   * throws WrongExpectedVersionError and leaves no trace. Appending ids that are already in the stream
   * where this expectation would have put them returns the first append's result and writes nothing.
   */
  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options?: Readonly<{ expectedRevision?: ExpectedRevision }>,
  ): Promise<AppendResult>;
  /** A stream that does not exist reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  /**
   * Optional: many streams in few round trips, for callers that fold a batch of accounts at once.
   * Yields each stream's events in revision order, the streams in the order asked (a missing stream
   * yields nothing). Without it, callers read stream by stream.
   */
  readStreams?(reads: readonly StreamRead[]): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /**
   * Optional: the events `readAll` yields, in the same order, handed over a page at a time, for readers
   * of the whole log (a rebuild), which would otherwise pay one async step per event. Callers go through
   * `readAllPages(store, options)`, which groups `readAll` for a store without it.
   */
  readAllPages?(options?: ReadAllPagesOptions): AsyncIterable<readonly RecordedEvent[]>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Position of the last event in the log, or -1n when the log is empty. */
  headPosition(): Promise<bigint>;
  close(): Promise<void>;
}
