/**
 * A worker thread that rebuilds some of the projections beside the main thread (see rebuild-threads.ts):
 * it reads the log and writes its own rebuild tables on connections of its own, then indexes them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteEventStore } from '@kam/event-store';
import { resolveProjections } from '../model/projection-registry.js';
import { openSqliteProjectionBackend } from '../sqlite/open-sqlite-read-models.js';
import { replayLane } from './rebuild-lane.js';
import {
  toThreadFailure,
  type FromRebuildThread,
  type RebuildThreadData,
} from './rebuild-thread.messages.js';

const port = parentPort;
if (port === null) throw new Error('rebuild.thread.js runs as a worker thread only');
const data = workerData as RebuildThreadData;
const send = (message: FromRebuildThread): void => port.postMessage(message);

/** Progress at most this often: a message per page would cost more than the page's fold. */
const PROGRESS_MS = 100;

const rebuild = async (): Promise<void> => {
  const projections = resolveProjections(data.projections);
  const store = await openSqliteEventStore({ file: data.logFile });
  const backend = openSqliteProjectionBackend(data.readModelsFile);
  try {
    const lease = () => ({ locks: data.locks, owner: data.owner, expiresAt: Date.now() + data.leaseMs });
    let sentAt = 0;
    const { events, position } = await replayLane({
      store,
      projections,
      context: { backend, target: 'rebuild', lease },
      head: BigInt(data.head),
      pageSize: data.pageSize,
      flushRows: data.flushRows,
      keepKeyedRows: data.keepKeyedRows,
      onPage: (done, at) => {
        const now = performance.now();
        if (now - sentAt < PROGRESS_MS) return;
        sentAt = now;
        send({ type: 'progress', events: done, position: at.toString() });
      },
    });
    await backend.indexRebuild(projections, data.tag);
    send({ type: 'done', events, position: position.toString() });
  } finally {
    await backend.close();
    await store.close();
  }
};

await rebuild().catch((error: unknown) => send({ type: 'failed', failure: toThreadFailure(error) }));
