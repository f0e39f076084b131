/**
 * A worker thread that applies batches of in-process runs (see batch-threads.ts): it opens the
 * SQLite file on its own connections and applies each batch it is sent, as `driveRun` would.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AccountRepository } from '@kam/application/command-path';
import { openSqliteEventStore } from '@kam/event-store/sqlite';
import { openEvaluationStore } from '../store/open-evaluation-store.js';
import type { BatchThreadData, FromBatchThread, ToBatchThread } from './batch-threads.js';
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
  repository: new AccountRepository(store),
  clock,
  db,
  concurrency: data.concurrency ?? undefined,
};
const retries = { attempts: data.attempts ?? undefined, backoffMs: data.backoffMs ?? undefined };

const send = (message: FromBatchThread): void => port.postMessage(message);

port.on('message', (message: ToBatchThread) => {
  if (message.type === 'stop') {
    void db
      .destroy()
      .then(() => store.close())
      // Ends this thread only: a worker's process.exit stops the worker, not the process.
      .finally(() => process.exit(0));
    return;
  }
  const { runId, batchNo } = message;
  processBatchWithRetries(deps, runId, batchNo, retries).then(
    (settled) => send({ type: 'done', batchNo, settled }),
    (error: unknown) => send({ type: 'failed', batchNo, error: errorText(error) }),
  );
});
send({ type: 'ready' });
