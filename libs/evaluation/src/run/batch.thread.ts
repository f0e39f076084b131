/**
 * A worker thread that applies batches of in-process runs (see batch-threads.ts): it opens the
 * SQLite file on its own connections and applies each batch it is sent, as `driveRun` would.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AccountRepository } from '@kam/application';
import { openSqliteEventStore } from '@kam/event-store';
import { openEvaluationEnvironment } from '../open-evaluation.js';
import type { BatchThreadData, FromBatchThread, ToBatchThread } from './batch-threads.js';
import { processBatchWithRetries } from './process-batch.js';
import { errorText } from './summarise-run.js';

const port = parentPort;
const data = workerData as BatchThreadData;
if (port === null) throw new Error('batch.thread.js runs as a worker thread only');

const clockAt = data.clockAt === null ? null : new Date(data.clockAt).getTime();
const clock = (): Date =>
  clockAt === null ? new Date() : new Date(clockAt + (Date.now() - data.startedAtMs));
const store = await openSqliteEventStore({ file: data.sqliteFile, clock });
const environment = await openEvaluationEnvironment({
  sqliteFile: data.sqliteFile,
  store,
  repository: new AccountRepository(store),
  clock,
  concurrency: data.concurrency ?? undefined,
});
const retries = { attempts: data.attempts ?? undefined, backoffMs: data.backoffMs ?? undefined };

const send = (message: FromBatchThread): void => port.postMessage(message);

port.on('message', (message: ToBatchThread) => {
  if (message.type === 'stop') {
    void environment
      .close()
      .then(() => store.close())
      // Ends this thread only: a worker's process.exit stops the worker, not the process.
      .finally(() => process.exit(0));
    return;
  }
  const { runId, batchNo } = message;
  processBatchWithRetries(environment.deps, runId, batchNo, retries).then(
    (settled) => send({ type: 'done', batchNo, settled }),
    (error: unknown) => send({ type: 'failed', batchNo, error: errorText(error) }),
  );
});
send({ type: 'ready' });
