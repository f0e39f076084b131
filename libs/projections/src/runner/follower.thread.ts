/**
 * The read models' thread (see follower-thread.ts): follows the log on its own connections to the
 * file until told to finish or stop, and meanwhile, when asked, checkpoints the WAL, so neither the
 * projections' folding and commits nor a checkpoint's writes hold up the thread that appends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteEventStore, startWalCheckpoints } from '@kam/event-store';
import { openSqliteReadModels } from '../sqlite/open-sqlite-read-models.js';
import { runProjections } from './projection-runner.js';
import type { FollowerThreadData, FromFollowerThread, ToFollowerThread } from './follower-thread.messages.js';

const port = parentPort;
if (port === null) throw new Error('follower.thread.js runs as a worker thread only');
const data = workerData as FollowerThreadData;
const send = (message: FromFollowerThread): void => port.postMessage(message);

const ending = new AbortController();
let finishing = false;
port.on('message', (message: ToFollowerThread) => {
  finishing ||= message.type === 'finish';
  ending.abort();
});

const stopCheckpoints =
  data.walCheckpointMs === null ? null : startWalCheckpoints(data.sqliteFile, data.walCheckpointMs);
const store = await openSqliteEventStore({ file: data.sqliteFile, pollIntervalMs: data.pollIntervalMs });
const readModels = await openSqliteReadModels({ file: data.sqliteFile });
try {
  await runProjections({ readModels, store, until: 'aborted', signal: ending.signal });
  if (finishing) {
    // The writer has stopped: what was appended since the last live batch is folded now.
    const { position } = await runProjections({ readModels, store, until: 'caught-up' });
    send({ type: 'finished', position: position.toString() });
  } else send({ type: 'stopped' });
} catch (error) {
  send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
} finally {
  await readModels.close();
  await store.close();
  stopCheckpoints?.();
  port.close();
}
