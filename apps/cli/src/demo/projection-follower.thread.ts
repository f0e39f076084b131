/**
 * The read models' thread of the demo (see projection-follower.ts): follows the log on its own
 * connections to the file until told to finish, then folds what is left and reports where it ended.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteEventStore } from '@kam/event-store';
import { openSqliteReadModels, runProjections } from '@kam/projections';
import type {
  FromProjectionFollower,
  ProjectionFollowerData,
  ToProjectionFollower,
} from './projection-follower.js';

const port = parentPort;
const data = workerData as ProjectionFollowerData;
if (port === null) throw new Error('projection-follower.thread.js runs as a worker thread only');

const send = (message: FromProjectionFollower): void => port.postMessage(message);

const store = await openSqliteEventStore({ file: data.sqliteFile, pollIntervalMs: data.pollIntervalMs });
const readModels = await openSqliteReadModels({ file: data.sqliteFile });
const finishing = new AbortController();
port.on('message', (message: ToProjectionFollower) => {
  if (message.type === 'finish') finishing.abort();
});

try {
  await runProjections({ readModels, store, until: 'aborted', signal: finishing.signal });
  // The recording has stopped: what was appended since the last live batch is folded now.
  const { position } = await runProjections({ readModels, store, until: 'caught-up' });
  send({ type: 'finished', position: position.toString() });
} catch (error) {
  send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
} finally {
  await readModels.close();
  await store.close();
  port.close();
}
