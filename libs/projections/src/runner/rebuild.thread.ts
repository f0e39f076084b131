/**
 * A worker thread that rebuilds its share of the accounts beside the main thread (see rebuild.ts):
 * it reads its share of the log and writes the rebuild tables on connections of its own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openKamSqliteDatabase } from '@kam/event-store';
import { resolveProjections } from '../model/projection-registry.js';
import { openSqliteProjectionBackend } from '../sqlite/open-sqlite-read-models.js';
import { sqliteSharePages } from '../sqlite/sqlite-log-share.js';
import { replayLane } from './rebuild-lane.js';
import { WriteTurn } from './write-turn.js';
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
  const head = BigInt(data.head);
  const log = openKamSqliteDatabase({ file: data.logFile });
  const backend = openSqliteProjectionBackend(data.readModelsFile);
  try {
    const lease = () => ({ locks: data.locks, owner: data.owner, expiresAt: Date.now() + data.leaseMs });
    let sentAt = 0;
    const { events, position } = await replayLane({
      pages: sqliteSharePages(log, data.share, head, data.pageSize),
      projections,
      context: { backend, target: 'rebuild', lease },
      head,
      turn: new WriteTurn(data.turn),
      flushRows: data.flushRows,
      keepKeyedRows: data.keepKeyedRows,
      onPage: (done, at) => {
        const now = performance.now();
        if (now - sentAt < PROGRESS_MS) return;
        sentAt = now;
        send({ type: 'progress', events: done, position: at.toString() });
      },
    });
    send({ type: 'done', events, position: position.toString() });
  } finally {
    await backend.close();
    log.close();
  }
};

await rebuild().catch((error: unknown) => send({ type: 'failed', failure: toThreadFailure(error) }));
