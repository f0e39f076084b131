import type { RecordedEvent, Subscription } from '../event-store.port.js';

/** What a SQL log gives a subscription: pages in position order, and word of commits. */
export type PollingSubscriptionSource = Readonly<{
  /** Up to `limit` events after `after`, in position order, the subscription's filter applied. */
  pageAfter: (after: bigint, limit: number) => readonly RecordedEvent[] | Promise<readonly RecordedEvent[]>;
  pageSize: number;
  /** Calls `listener` after each commit this process hears of; returns the way to stop listening. */
  onCommit: (listener: () => void) => () => void;
  /** Runs before each wait: where a dropped notification channel is opened again. */
  beforeWait?: () => void;
  /** How long a wait lasts without word of a commit: other processes' appends are found this way. */
  pollIntervalMs: number;
  onEnd: (subscription: Subscription) => void;
}>;

/**
 * Catch-up and live are one loop: read the page after the last delivered position, and when the log
 * is exhausted wait for a commit or the poll timer. There is no hand-over between a history phase and
 * a live phase, so nothing can be skipped or delivered twice, provided positions become visible in
 * order (each adapter's writer sees to that).
 */
export class PollingSubscription implements Subscription {
  readonly #source: PollingSubscriptionSource;
  readonly #after: bigint;
  readonly #stopListening: () => void;
  #iterator: AsyncGenerator<RecordedEvent> | undefined;
  #closed = false;
  #committedSinceRead = false;
  #wake: (() => void) | undefined;

  constructor(source: PollingSubscriptionSource, after: bigint | undefined) {
    this.#source = source;
    this.#after = after ?? -1n;
    this.#stopListening = source.onCommit(() => {
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
    this.#source.onEnd(this);
  }

  async *#run(): AsyncGenerator<RecordedEvent> {
    const { pageSize } = this.#source;
    let after = this.#after;
    try {
      while (!this.#closed) {
        this.#committedSinceRead = false;
        const read = this.#source.pageAfter(after, pageSize);
        // A synchronous reader's page is taken as it is: no turn of the microtask queue per page.
        const page = read instanceof Promise ? await read : read;
        for (const event of page) {
          if (this.#closed) return;
          yield event;
          after = event.position;
        }
        if (this.#closed) return;
        if (page.length < pageSize && !this.#committedSinceRead) await this.#nextCommitOrPoll();
      }
    } finally {
      // A consumer that breaks out of its for-await loop is done with the subscription too.
      await this.unsubscribe();
    }
  }

  #nextCommitOrPoll(): Promise<void> {
    this.#source.beforeWait?.();
    return new Promise((resolve) => {
      const timer = setTimeout(() => wake(), this.#source.pollIntervalMs);
      const wake = (): void => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      this.#wake = wake;
    });
  }
}
