/**
 * A worker thread that applies batches of in-process runs (see batch-threads.ts): it opens the
 * SQLite file on its own connections and applies each batch it is sent, as `driveRun` would.
 */
import { setTimeout as sleep, setImmediate as yieldToMessages } from 'node:timers/promises';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { AccountRepository } from '@kam/application/command-path';
import { openSqliteEventStore } from '@kam/event-store/sqlite';
import { openEvaluationStore } from '../store/open-evaluation-store.js';
import {
  WARM_ACCOUNTS_PER_THREAD,
  type BatchThreadData,
  type FromBatchThread,
  type ToBatchThread,
} from './batch-threads.js';
import type { BatchDeps } from './evaluation-deps.js';
import { processBatchWithRetries } from './process-batch.js';
import { errorText } from './summarise-run.js';

const port = parentPort;
const data = workerData as BatchThreadData;
if (port === null) throw new Error('batch.thread.js runs as a worker thread only');

const clockAt = data.clockAt === null ? null : new Date(data.clockAt).getTime();
const clock = (): Date =>
  clockAt === null ? new Date() : new Date(clockAt + (Date.now() - data.startedAtMs));
const store = await openSqliteEventStore({ file: data.sqliteFile, clock });
// The run tables only: a batch reads no read model.
const db = await openEvaluationStore(data.sqliteFile).catch(async (error: unknown) => {
  await store.close();
  throw error;
});
const deps: BatchDeps = {
  store,
  // Room for every warmed account and a batch's worth besides.
  repository: new AccountRepository(store, WARM_ACCOUNTS_PER_THREAD + 10_000),
  clock,
  db,
  concurrency: data.concurrency ?? undefined,
};
const retries = { attempts: data.attempts ?? undefined, backoffMs: data.backoffMs ?? undefined };

const send = (message: FromBatchThread): void => port.postMessage(message);

/** Reads per warming step: small enough that a batch arriving meanwhile waits a few milliseconds. */
const WARM_STEP = 500;
/**
 * Warming stops when this thread's heap holds this much: accounts with long histories fold into
 * large states, and a cache of tens of thousands of them must not take the machine's memory.
 */
const WARM_HEAP_BUDGET_BYTES = 512 * 1024 * 1024;
let applying = false;

/**
 * Loads accounts ahead, once the threads before it in `turn` are done, until the first batch
 * arrives: from then on the batches have the thread.
 */
const warm = async (accountIds: readonly string[], turn: Int32Array, place: number): Promise<void> => {
  let accounts = 0;
  try {
    while (!applying && Atomics.load(turn, 0) < place) await sleep(5);
    for (
      let start = 0;
      start < accountIds.length && !applying && getHeapStatistics().used_heap_size < WARM_HEAP_BUDGET_BYTES;
      start += WARM_STEP
    ) {
      accounts += await deps.repository.warm(accountIds.slice(start, start + WARM_STEP));
      await yieldToMessages();
    }
  } finally {
    Atomics.store(turn, 0, Math.max(Atomics.load(turn, 0), place + 1));
    send({ type: 'warmed', accounts });
  }
};

port.on('message', (message: ToBatchThread) => {
  if (message.type === 'stop') {
    void db
      .destroy()
      .then(() => store.close())
      // Ends this thread only: a worker's process.exit stops the worker, not the process.
      .finally(() => process.exit(0));
    return;
  }
  if (message.type === 'warm') {
    // Only an optimisation: a failed read here is read again, and reported, by the batch.
    warm(message.accountIds, new Int32Array(message.turn), message.place).catch(() => undefined);
    return;
  }
  applying = true;
  const { runId, batchNo } = message;
  processBatchWithRetries(deps, runId, batchNo, retries).then(
    (settled) => send({ type: 'done', batchNo, settled }),
    (error: unknown) => send({ type: 'failed', batchNo, error: errorText(error) }),
  );
});
send({ type: 'ready' });
