import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { AccountRepository } from '@kam/application';
import { openSqliteEventStore } from '@kam/event-store';
import { DEFAULT_POLICY } from '@kam/policies';
import { openEvaluationEnvironment } from '../open-evaluation.js';
import { openQueue } from '../queue/evaluation-queue.js';
import { startEvaluationRun } from '../queue/start-evaluation-run.js';
import { waitForRun } from '../queue/wait-for-run.js';
import { summariseRun } from '../run/summarise-run.js';
import { BENCH_AS_OF, type SetupProgress } from './bench-portfolio.setup.js';

const WORKER_ENTRY = fileURLToPath(new URL('./bench-worker.js', import.meta.url));

const startWorker = (file: string, redisUrl: string, prefix: string): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = fork(WORKER_ENTRY, [file, redisUrl, prefix], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`bench worker exited with ${code} before it was ready`)));
  });

const stopWorker = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** The same run through BullMQ: worker processes share its batches; timed from queueing to done. */
export const runQueuedBenchmark = async (
  file: string,
  options: Readonly<{ redisUrl: string; workers?: number }>,
  progress: SetupProgress,
) => {
  const prefix = `kam-bench-${randomUUID()}`;
  const count = options.workers ?? 2;
  const workers = await Promise.all(
    Array.from({ length: count }, () => startWorker(file, options.redisUrl, prefix)),
  );
  const store = await openSqliteEventStore({ file });
  const environment = await openEvaluationEnvironment({
    sqliteFile: file,
    store,
    repository: new AccountRepository(store),
  });
  const queue = openQueue({ redisUrl: options.redisUrl, prefix });
  try {
    const started = performance.now();
    const request = { policy: DEFAULT_POLICY, asOf: BENCH_AS_OF, trigger: 'bench' as const };
    const { runId } = await startEvaluationRun(environment.deps, request, { queue });
    const run = await waitForRun(environment.deps.db, runId, {
      pollMs: 100,
      onProgress: ({ done, total }) => progress('evaluate: queue', done, total),
    });
    const summary = summariseRun(run, (performance.now() - started) / 1000);
    return { accounts: summary.accounts, seconds: summary.seconds, changed: summary.changed, workers: count };
  } finally {
    await Promise.all(workers.map(stopWorker));
    await queue.obliterate({ force: true });
    await queue.close();
    await environment.close();
    await store.close();
  }
};
