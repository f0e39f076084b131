import { Worker } from 'node:worker_threads';
import type { FollowerThreadData, FromFollowerThread, ToFollowerThread } from './follower-thread.messages.js';
import { threadEntry } from './thread-entry.js';

export type FollowerThreadOptions = Readonly<{
  /** The SQLite file holding both the log and the read models. */
  sqliteFile: string;
  /** How soon the thread sees an append made by another thread. */
  pollIntervalMs?: number;
  /** Checkpoint the WAL from the thread this often (see startWalCheckpoints); by default it does not. */
  walCheckpointMs?: number | null;
}>;

export type FollowerThread = Readonly<{
  /** Lets the thread fold the log to its head, then ends it; resolves with the position reached. */
  finish: () => Promise<bigint>;
  /** Ends the thread after the batch in hand (its rows and checkpoint committed together). */
  stop: () => Promise<void>;
  /** Ends the thread now, wherever it is: the read models resume from their checkpoints. */
  terminate: () => Promise<void>;
  /** Settles when the thread has exited: with the error it stopped on, if any, else null. */
  exited: Promise<Error | null>;
}>;

/**
 * Keeps the read models following a SQLite log in a worker thread, on connections of its own: the
 * projections' folding and commits then run beside the thread that appends instead of between its
 * commands. The thread holds the projections' lease like any runner.
 */
export const startFollowerThread = (options: FollowerThreadOptions): FollowerThread => {
  const data: FollowerThreadData = {
    sqliteFile: options.sqliteFile,
    pollIntervalMs: options.pollIntervalMs ?? 10,
    walCheckpointMs: options.walCheckpointMs ?? null,
  };
  const entry = threadEntry(
    new URL('./follower.thread.js', import.meta.url),
    new URL('./follower.thread.ts', import.meta.url),
  );
  const worker = new Worker(entry.url, { workerData: data, execArgv: entry.execArgv });
  let failure: Error | null = null;
  let finishedAt: bigint | null = null;
  worker.on('message', (message: FromFollowerThread) => {
    if (message.type === 'finished') finishedAt = BigInt(message.position);
    else if (message.type === 'failed')
      failure ??= new Error(`the read models' thread failed: ${message.error}`);
  });
  worker.on('error', (error) => (failure ??= error));
  const exited = new Promise<Error | null>((resolve) => worker.once('exit', () => resolve(failure)));
  const tell = async (message: ToFollowerThread): Promise<void> => {
    worker.postMessage(message);
    const error = await exited;
    if (error !== null) throw error;
  };
  return {
    finish: async () => {
      await tell({ type: 'finish' });
      if (finishedAt === null) throw new Error("the read models' thread ended before it finished");
      return finishedAt;
    },
    stop: () => tell({ type: 'stop' }),
    terminate: async () => {
      await worker.terminate();
    },
    exited,
  };
};
