import {
  isCommandError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
} from '@eventstore/db-client';

import type { RecordedEvent, Subscription } from '../event-store.port.js';
import { isConnectionLoss } from './eventstoredb.connection.js';
import { toRecordedEvent, type EventPredicate } from './eventstoredb.mapper.js';

export type SubscriptionSourceFactory = (after: bigint | undefined) => AllStreamSubscription;

export type SubscriptionOptions = Readonly<{
  open: SubscriptionSourceFactory;
  matches: EventPredicate;
  after: bigint | undefined;
  /** A server that has not confirmed the subscription by then is treated as lost. */
  confirmWithinMs: number;
  onClose: (subscription: EventStoreDbSubscription) => void;
}>;

// Events buffered before the server stream is paused, and the level at which it resumes.
const HIGH_WATER = 256;
const LOW_WATER = 64;
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 2_000;
// Refusals that a retry cannot cure; everything else (a lost server, a reset stream) is retried.
const PERMANENT = new Set(['access-denied', 'invalid-argument', 'stream-deleted', 'unsupported']);

const isRetryable = (error: unknown): boolean =>
  isConnectionLoss(error) || !(error instanceof Error && isCommandError(error)) || !PERMANENT.has(error.type);

type Waiter = { resolve: (result: IteratorResult<RecordedEvent>) => void; reject: (error: unknown) => void };

/**
 * A catch-up subscription to `$all` that survives the server going away: it remembers the position of
 * the last event it received and, when the stream drops, subscribes again from there (exclusive) with
 * a growing back-off, so that every event is delivered once and in order across reconnections.
 */
export class EventStoreDbSubscription implements Subscription {
  private readonly queue: RecordedEvent[] = [];
  private waiter: Waiter | undefined;
  private failure: { error: unknown } | undefined;
  private source: AllStreamSubscription | undefined;
  private lastPosition: bigint | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private confirmTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private started = false;
  private closed = false;

  constructor(private readonly options: SubscriptionOptions) {
    this.lastPosition = options.after !== undefined && options.after >= 0n ? options.after : undefined;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return {
      next: () => this.next(),
      return: async () => {
        await this.unsubscribe();
        return { done: true, value: undefined };
      },
    };
  }

  async unsubscribe(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.settle({ done: true, value: undefined });
    clearTimeout(this.confirmTimer);
    const source = this.source;
    this.source = undefined;
    this.options.onClose(this);
    await source?.unsubscribe().catch(() => undefined);
  }

  private next(): Promise<IteratorResult<RecordedEvent>> {
    this.start();
    const event = this.queue.shift();
    if (event !== undefined) {
      if (this.queue.length <= LOW_WATER) this.source?.resume();
      return Promise.resolve({ done: false, value: event });
    }
    if (this.failure !== undefined) {
      const { error } = this.failure;
      this.failure = undefined;
      this.closed = true;
      return Promise.reject(error);
    }
    if (this.closed) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.connect();
  }

  private connect(): void {
    if (this.closed) return;
    const source = this.options.open(this.lastPosition);
    this.source = source;
    let dropped = false;
    const drop = (error?: unknown): void => {
      clearTimeout(unconfirmed);
      if (dropped) return;
      dropped = true;
      this.onDrop(source, error);
    };
    // A server that accepts the connection but never answers would otherwise hold the subscription forever.
    const unconfirmed = setTimeout(
      () => drop(new Error(`no subscription confirmation within ${this.options.confirmWithinMs} ms`)),
      this.options.confirmWithinMs,
    );
    this.confirmTimer = unconfirmed;
    source.on('data', (resolved: AllStreamResolvedEvent) => this.onEvent(resolved));
    source.on('confirmation', () => {
      clearTimeout(unconfirmed);
      this.attempt = 0;
    });
    source.on('error', (error: unknown) => drop(error));
    source.on('end', () => drop());
    source.on('close', () => drop());
    if (this.queue.length >= HIGH_WATER) source.pause();
  }

  private onEvent(resolved: AllStreamResolvedEvent): void {
    const event = resolved.event;
    if (event === undefined || this.closed) return;
    const position = event.position.commit;
    // After a reconnection the server may repeat what was already received; the position tells.
    if (this.lastPosition !== undefined && position <= this.lastPosition) return;
    this.lastPosition = position;
    if (this.options.matches(event)) this.push(toRecordedEvent(event));
  }

  private push(event: RecordedEvent): void {
    if (this.waiter !== undefined) return this.settle({ done: false, value: event });
    this.queue.push(event);
    if (this.queue.length >= HIGH_WATER) this.source?.pause();
  }

  private onDrop(source: AllStreamSubscription, error: unknown): void {
    if (this.closed || source !== this.source) return;
    this.source = undefined;
    void source.unsubscribe().catch(() => undefined);
    if (error !== undefined && !isRetryable(error)) return this.fail(error);
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.attempt);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private fail(error: unknown): void {
    this.options.onClose(this);
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter === undefined) {
      this.failure = { error };
      return;
    }
    this.closed = true;
    waiter.reject(error);
  }

  private settle(result: IteratorResult<RecordedEvent>): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.resolve(result);
  }
}
