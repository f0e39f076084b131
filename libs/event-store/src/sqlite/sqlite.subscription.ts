import type { RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port.js';
import { onCommit } from './sqlite.commit-signal.js';
import { filterClause, type FilterClause } from './sqlite.event-row.js';
import { READ_PAGE_SIZE, type SqliteEventReader } from './sqlite.event-reader.js';

export type SqliteSubscriptionDeps = Readonly<{
  reader: SqliteEventReader;
  file: string;
  pollIntervalMs: number;
  onEnd: (subscription: SqliteSubscription) => void;
}>;

/**
 * Catch-up and live are one loop: read the page after the last delivered position, and when the log
 * is exhausted wait for a commit signal (this process) or the poll timer (other processes). There is
 * no hand-over between a history phase and a live phase, so nothing can be skipped or delivered twice.
 */
export class SqliteSubscription implements Subscription {
  readonly #deps: SqliteSubscriptionDeps;
  readonly #filter: FilterClause;
  readonly #after: bigint;
  readonly #stopListening: () => void;
  #iterator: AsyncGenerator<RecordedEvent> | undefined;
  #closed = false;
  #committedSinceRead = false;
  #wake: (() => void) | undefined;

  constructor(deps: SqliteSubscriptionDeps, options: SubscribeOptions = {}) {
    this.#deps = deps;
    this.#filter = filterClause(options.filter);
    this.#after = options.after ?? -1n;
    this.#stopListening = onCommit(deps.file, () => {
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
        const page = this.#deps.reader.pageAfter(after, this.#filter, READ_PAGE_SIZE);
        for (const event of page) {
          if (this.#closed) return;
          yield event;
          after = event.position;
        }
        if (page.length < READ_PAGE_SIZE && !this.#committedSinceRead) await this.#nextCommitOrPoll();
      }
    } finally {
      // A consumer that breaks out of its for-await loop is done with the subscription too.
      await this.unsubscribe();
    }
  }

  #nextCommitOrPoll(): Promise<void> {
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
