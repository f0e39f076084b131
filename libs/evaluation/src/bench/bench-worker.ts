/**
 * A worker process for the queued benchmark, forked by it: `node bench-worker.js <file> <redisUrl>
 * <prefix>`. It is the same worker `kam worker` runs, without the CLI around it.
 */
import { AccountRepository } from '@kam/application';
import { openSqliteEventStore } from '@kam/event-store';
import { DEFAULT_POLICY } from '@kam/policies';
import { openEvaluationEnvironment } from '../open-evaluation.js';
import { startEvaluationWorker } from '../queue/evaluation-worker.js';

const [file, redisUrl, prefix] = process.argv.slice(2);
if (file === undefined || redisUrl === undefined || prefix === undefined) {
  process.stderr.write('usage: bench-worker <file> <redisUrl> <prefix>\n');
  process.exit(2);
}
const store = await openSqliteEventStore({ file });
const repository = new AccountRepository(store, 200_000);
const environment = await openEvaluationEnvironment({ sqliteFile: file, store, repository });
const running = startEvaluationWorker(
  { ...environment.deps, loadPolicy: async () => DEFAULT_POLICY },
  { redisUrl, prefix, recoverEveryMs: 60_000 },
);
await running.worker.waitUntilReady();
process.send?.('ready');
process.once('SIGTERM', () => {
  void (async () => {
    await running.close();
    await environment.close();
    await store.close();
    process.exit(0);
  })();
});
