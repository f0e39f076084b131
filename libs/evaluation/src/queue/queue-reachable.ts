import { setTimeout as sleep } from 'node:timers/promises';
import type { TypedQueue } from './evaluation-queue.js';

/** Redis did not answer: nothing was recorded or queued. */
export class QueueUnreachableError extends Error {
  override readonly name = 'QueueUnreachableError';
  constructor(
    readonly reason: string,
    readonly waitedMs: number,
  ) {
    super(`Redis did not answer within ${waitedMs / 1000} s (${reason}), so no run was queued`);
  }
}

/**
 * A run is recorded only once its queue answers: the connection retries for ever (workers need
 * it to), so without this a run meant for an unreachable Redis waited, queued, for ever too.
 */
export const assertQueueReachable = async (queue: TypedQueue, timeoutMs = 5_000): Promise<void> => {
  let reason = 'no answer';
  const note = (error: Error) => {
    reason = error.message;
  };
  queue.on('error', note);
  // Removed whatever the outcome: the API's queue lives on, and a listener per failed request
  // would pile up (the queue's own listener already keeps connection errors quiet).
  try {
    const ready = await Promise.race([
      queue.waitUntilReady().then(
        () => true,
        (error: unknown) => {
          if (error instanceof Error) reason = error.message;
          return false;
        },
      ),
      sleep(timeoutMs, false, { ref: false }),
    ]);
    if (!ready) throw new QueueUnreachableError(reason, timeoutMs);
  } finally {
    queue.off('error', note);
  }
};
