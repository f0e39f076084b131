import { Worker } from 'node:worker_threads';
import type { LaneResult } from './rebuild-lane.js';
import { threadEntry } from './thread-entry.js';
import {
  fromThreadFailure,
  type FromRebuildThread,
  type RebuildThreadData,
} from './rebuild-thread.messages.js';

export type RebuildThread = Readonly<{
  /** Settles once the thread has exited: with its lane's result, or with the error it stopped on. */
  done: Promise<LaneResult>;
  /** Ends the thread wherever it stands; its open transaction, if any, is rolled back. */
  stop: () => Promise<void>;
}>;

/** Starts a thread that rebuilds the projections `data` names (see rebuild.thread.ts). */
export const startRebuildThread = (
  data: RebuildThreadData,
  onProgress: (events: number, position: bigint) => void,
): RebuildThread => {
  const entry = threadEntry(
    new URL('./rebuild.thread.js', import.meta.url),
    new URL('./rebuild.thread.ts', import.meta.url),
  );
  const worker = new Worker(entry.url, { workerData: data, execArgv: entry.execArgv });
  const done = new Promise<LaneResult>((resolve, reject) => {
    let result: LaneResult | null = null;
    let failure: Error | null = null;
    worker.on('message', (message: FromRebuildThread) => {
      if (message.type === 'progress') onProgress(message.events, BigInt(message.position));
      else if (message.type === 'done') {
        result = { events: message.events, position: BigInt(message.position) };
        onProgress(result.events, result.position);
      } else failure ??= fromThreadFailure(message.failure);
    });
    worker.on('error', (error) => (failure ??= error));
    worker.once('exit', (code) => {
      if (failure !== null) reject(failure);
      else if (result !== null) resolve(result);
      else reject(new Error(`The rebuild thread stopped (exit code ${code}) before it finished.`));
    });
  });
  return {
    done,
    stop: async () => {
      await worker.terminate();
    },
  };
};
