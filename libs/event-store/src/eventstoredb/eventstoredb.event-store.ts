import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamRecordedEvent,
  type AllStreamSubscription,
  type Filter,
  type ReadPosition,
  type ReadRevision,
  type StreamingRead,
} from '@eventstore/db-client';

import { WrongExpectedVersionError } from '../event-store.errors.js';
import type {
  AppendResult,
  EventFilter,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadAllPagesOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port.js';
import { pageSizeOf, pagesOf } from '../read-all-pages.js';
import {
  deadlineOf,
  describeTarget,
  isConnectionLoss,
  unreachable,
  validateEventStoreConnectionString,
  withDeadline,
} from './eventstoredb.connection.js';
import { isSystemEvent, matcherOf, toEventData, toRecordedEvent } from './eventstoredb.mapper.js';
import { EventStoreDbSubscription } from './eventstoredb.subscription.js';

export type EventStoreDbOptions = Readonly<{
  connectionString: string;
  /** How long an append, or the first answer of a read, may take before the store counts as unreachable. */
  deadlineMs?: number;
}>;

const HEAD_PAGE = 32;

const positionFrom = (after: bigint | undefined) =>
  after === undefined || after < 0n ? START : { commit: after, prepare: after };

/** The server filters on one thing only: stream prefixes if given, else event types, else non-system. */
const serverFilterOf = (filter: EventFilter | undefined): Filter => {
  if (filter?.streamPrefixes?.length) return streamNameFilter({ prefixes: [...filter.streamPrefixes] });
  if (filter?.eventTypes?.length) return eventTypeFilter({ prefixes: [...filter.eventTypes] });
  return excludeSystemEvents();
};

const expectationHolds = (expected: ExpectedRevision, current: bigint): boolean => {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === -1n;
  if (expected === 'stream_exists') return current !== -1n;
  return expected === current;
};

/** The `EventStore` port over EventStoreDB / KurrentDB through `@eventstore/db-client`. */
export class EventStoreDbEventStore implements EventStore {
  private readonly target: string;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();

  constructor(
    private readonly client: EventStoreDBClient,
    connectionString: string,
    private readonly deadlineMs: number,
  ) {
    this.target = describeTarget(connectionString);
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: Readonly<{ expectedRevision?: ExpectedRevision }> = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    if (events.length === 0) return this.appendNothing(streamId, expected);
    try {
      const append = this.client.appendToStream(streamId, events.map(toEventData), {
        expectedRevision: expected,
        deadline: this.deadlineMs,
      });
      const result = await withDeadline(append, this.deadlineMs, () => this.timedOut('append'));
      const position =
        result.position?.commit ?? (await this.positionOf(streamId, result.nextExpectedRevision));
      return { nextExpectedRevision: result.nextExpectedRevision, position };
    } catch (error) {
      throw this.translate(error, streamId, expected);
    }
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const direction = options.direction ?? 'forwards';
    let fromRevision: ReadRevision = options.fromRevision ?? (direction === 'forwards' ? START : END);
    if (options.maxCount !== undefined && options.maxCount <= 0) return;
    // Nothing lies before revision 0; the client refuses negative revisions outright.
    if (typeof fromRevision === 'bigint' && fromRevision < 0n) {
      if (direction === 'backwards') return;
      fromRevision = START;
    }
    const read = this.client.readStream(streamId, {
      direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
      fromRevision,
      maxCount: options.maxCount,
    });
    try {
      for await (const resolved of this.iterate(read)) {
        if (resolved.event) yield toRecordedEvent(resolved.event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw this.translate(error, streamId);
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const { after, maxCount = Number.POSITIVE_INFINITY } = options;
    if (maxCount <= 0) return;
    const matches = matcherOf(options.filter);
    const read = this.client.readAll({ fromPosition: positionFrom(after), direction: FORWARDS });
    let yielded = 0;
    try {
      for await (const resolved of this.iterate(read)) {
        const event = resolved.event;
        // Reads of `$all` include the event at the position given; `after` is exclusive.
        if (event === undefined || (after !== undefined && event.position.commit <= after)) continue;
        if (!matches(event)) continue;
        yield toRecordedEvent(event);
        yielded += 1;
        if (yielded >= maxCount) return;
      }
    } catch (error) {
      throw this.translate(error);
    }
  }

  /** The client streams `$all` already; pages only spare the caller an async step per event. */
  readAllPages(options: ReadAllPagesOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    const { pageSize: _pageSize, ...readAllOptions } = options;
    return pagesOf(this.readAll(readAllOptions), pageSizeOf(options));
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const serverFilter = serverFilterOf(options.filter);
    const subscription = new EventStoreDbSubscription({
      after: options.after,
      confirmWithinMs: this.deadlineMs,
      matches: matcherOf(options.filter),
      open: (after): AllStreamSubscription =>
        this.client.subscribeToAll({ fromPosition: positionFrom(after), filter: serverFilter }),
      onClose: (closed) => this.subscriptions.delete(closed),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    let from: ReadPosition = END;
    try {
      // Usually the first event read backwards is ours; a tail of system events is paged through.
      for (;;) {
        const page: AllStreamRecordedEvent[] = [];
        const read = this.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: HEAD_PAGE });
        for await (const resolved of this.iterate(read)) if (resolved.event) page.push(resolved.event);
        const ours = page.find((event) => !isSystemEvent(event));
        if (ours) return ours.position.commit;
        const oldest = page.at(-1);
        if (oldest === undefined || page.length < HEAD_PAGE) return -1n;
        from = oldest.position;
      }
    } catch (error) {
      throw this.translate(error);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.unsubscribe()));
    await this.client.dispose();
  }

  /** Yields a read's events, failing fast when the server does not answer at all, and cancels it when left early. */
  private async *iterate<E>(read: StreamingRead<E>): AsyncGenerator<E> {
    const iterator: AsyncIterator<E> = read[Symbol.asyncIterator]();
    let complete = false;
    try {
      let step = await withDeadline(iterator.next(), this.deadlineMs, () => this.timedOut('read'));
      while (!step.done) {
        yield step.value;
        step = await iterator.next();
      }
      complete = true;
    } finally {
      // Not awaited: against a server that never answers, tearing the call down can wait forever too.
      if (!complete) {
        void iterator.return?.().catch(() => undefined);
        void read.cancel().catch(() => undefined);
      }
    }
  }

  /** A stream with no events: nothing to write, but the expectation is still checked. */
  private async appendNothing(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    let last: RecordedEvent | undefined;
    for await (const event of this.readStream(streamId, { direction: 'backwards', maxCount: 1 }))
      last = event;
    const current = last?.revision ?? -1n;
    if (!expectationHolds(expected, current))
      throw new WrongExpectedVersionError(streamId, expected, current);
    return { nextExpectedRevision: current, position: last?.position ?? -1n };
  }

  /** Servers that answer an append without a position: the stream's last event carries it. */
  private async positionOf(streamId: string, revision: bigint): Promise<bigint> {
    for await (const event of this.readStream(streamId, {
      direction: 'backwards',
      fromRevision: revision,
      maxCount: 1,
    })) {
      return event.position;
    }
    return -1n;
  }

  private timedOut(operation: string): Error {
    return unreachable(this.target, new Error(`no answer to ${operation} within ${this.deadlineMs} ms`));
  }

  private translate(error: unknown, streamId?: string, expected?: ExpectedRevision): unknown {
    if (error instanceof EsdbWrongExpectedVersionError && streamId !== undefined) {
      const actual = error.actualVersion;
      return new WrongExpectedVersionError(
        streamId,
        expected ?? 'any',
        typeof actual === 'bigint' ? actual : -1n,
      );
    }
    return isConnectionLoss(error) ? unreachable(this.target, error) : error;
  }
}

/** Opens the adapter; the connection itself is made on first use, so a server that is down fails the first call. */
export const openEventStoreDbEventStore = async (
  options: EventStoreDbOptions,
): Promise<EventStoreDbEventStore> => {
  const connectionString = validateEventStoreConnectionString(options.connectionString);
  const client = EventStoreDBClient.connectionString(connectionString);
  return new EventStoreDbEventStore(
    client,
    connectionString,
    options.deadlineMs ?? deadlineOf(connectionString),
  );
};
