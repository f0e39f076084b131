import { Worker } from 'node:worker_threads';

/** What the thread entry receives as `workerData`. */
export type ProjectionFollowerData = Readonly<{ sqliteFile: string; pollIntervalMs: number }>;

export type ToProjectionFollower = Readonly<{ type: 'finish' }>;

export type FromProjectionFollower =
  Readonly<{ type: 'finished'; position: string }> | Readonly<{ type: 'failed'; error: string }>;

export type ProjectionFollower = Readonly<{
  /** Lets the thread fold the log to its head, then ends it; resolves with the position reached. */
  finish: () => Promise<bigint>;
  /** Ends the thread now, wherever it is (the demo failed): the read models resume from their checkpoints. */
  terminate: () => Promise<void>;
}>;

const THREAD_ENTRY = new URL('./projection-follower.thread.js', import.meta.url);

/**
 * Keeps the read models following the SQLite log in a worker thread while the demo records: the
 * projections' folding and writing then run on another core instead of waiting for each quarter's
 * close. The thread holds the projections' lease, so a quarter-end run waits for it to reach the
 * log's head (as it would for `kam serve`) rather than catching up itself.
 */
export const startProjectionFollower = (sqliteFile: string, pollIntervalMs = 10): ProjectionFollower => {
  const data: ProjectionFollowerData = { sqliteFile, pollIntervalMs };
  const worker = new Worker(THREAD_ENTRY, { workerData: data });
  let failure: Error | null = null;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const outcome = new Promise<bigint>((resolve, reject) => {
    worker.on('message', (message: FromProjectionFollower) => {
      if (message.type === 'finished') resolve(BigInt(message.position));
      else reject(new Error(`the read models' thread failed: ${message.error}`));
    });
    worker.once('error', (error) => {
      failure = error;
      reject(error);
    });
    void exited.then(() => reject(failure ?? new Error("the read models' thread ended early")));
  });
  // A failure surfaces when the demo finishes; until then the quarter-end runs catch up themselves.
  outcome.catch(() => undefined);
  return {
    finish: async () => {
      worker.postMessage({ type: 'finish' } satisfies ToProjectionFollower);
      const position = await outcome;
      await exited;
      return position;
    },
    terminate: async () => {
      await worker.terminate();
    },
  };
};
