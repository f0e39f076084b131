import { readAllPages, type EventStore, type RecordedEvent, type Subscription } from '@kam/event-store';

const from = (after: bigint) => (after >= 0n ? { after } : {});

/** The next page of the log after `after`, at most `size` events; empty at the head. */
export async function readPage(
  store: EventStore,
  after: bigint,
  size: number,
): Promise<readonly RecordedEvent[]> {
  for await (const page of readAllPages(store, { ...from(after), maxCount: size, pageSize: size }))
    return page;
  return [];
}

const IDLE = Symbol('idle');
const nextTurn = (): Promise<typeof IDLE> => new Promise((resolve) => setImmediate(() => resolve(IDLE)));

/**
 * Lets timers and I/O run between batches. The SQLite store answers reads synchronously, so a catch-up
 * or a rebuild would otherwise hold the event loop for its whole length (an HTTP server in the same
 * process, the lease heartbeat, a child process's exit).
 */
export const yieldToEventLoop = async (): Promise<void> => {
  await nextTurn();
};

/**
 * Groups a live subscription into batches: whatever has already arrived, up to `size`, without
 * waiting for more. A burst becomes one transaction; a lone event is written at once.
 */
export async function* liveBatches(
  subscription: Subscription,
  size: number,
  signal: AbortSignal,
): AsyncGenerator<RecordedEvent[]> {
  const stop = () => void subscription.unsubscribe();
  if (signal.aborted) stop();
  signal.addEventListener('abort', stop, { once: true });
  const iterator = subscription[Symbol.asyncIterator]();
  try {
    let pending = iterator.next();
    for (;;) {
      const first = await pending;
      if (first.done === true || signal.aborted) return;
      const batch = [first.value];
      pending = iterator.next();
      let ended = false;
      while (batch.length < size) {
        const next = await Promise.race([pending, nextTurn()]);
        if (next === IDLE) break;
        if (next.done === true) {
          ended = true;
          break;
        }
        batch.push(next.value);
        pending = iterator.next();
      }
      yield batch;
      if (ended) return;
    }
  } finally {
    signal.removeEventListener('abort', stop);
    await subscription.unsubscribe();
  }
}
