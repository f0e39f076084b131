import { randomUUID } from 'node:crypto';
import { accountStreamId } from '@kam/domain';
import { DEFAULT_POLICY } from '@kam/policies';
import { openTestEngine, seedPortfolio, tempSqliteFile, type Engine } from '../testing/portfolio-fixture.js';
import { scheduledRunId } from '../run/run-ids.js';
import { getEvaluationRun } from '../store/get-evaluation-run.js';
import {
  openQueue,
  upsertEvaluationSchedule,
  type QueueConnection,
  type TypedQueue,
} from './evaluation-queue.js';
import { SCHEDULER_ID } from './evaluation-jobs.js';
import { startEvaluationRun } from './start-evaluation-run.js';
import { waitForRun } from './wait-for-run.js';
import { startEvaluationWorker, type RunningWorker } from './evaluation-worker.js';

const REDIS_URL = process.env.KAM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const UNTIL = new Date('2026-03-31T12:00:00Z');
const clock = () => new Date();

const countRunEvents = async (
  engine: Engine,
  accountIds: readonly string[],
  runId: string,
): Promise<number[]> => {
  const counts: number[] = [];
  for (const accountId of accountIds) {
    let n = 0;
    for await (const event of engine.store.readStream(accountStreamId(accountId))) {
      if (event.type === 'AccountReclassified' && event.data.runId === runId) n += 1;
    }
    counts.push(n);
  }
  return counts;
};

describe('evaluation runs on BullMQ workers, against the real Redis', () => {
  const temp = tempSqliteFile('kam-eval-queue');
  const connection: QueueConnection = { redisUrl: REDIS_URL, prefix: `kam-test-${randomUUID()}` };
  const engines: Engine[] = [];
  const workers: RunningWorker[] = [];
  const batchesBy = [0, 0];
  let queue: TypedQueue;
  let accountIds: string[];

  beforeAll(async () => {
    for (let i = 0; i < 3; i += 1) engines.push(await openTestEngine(temp.file, clock));
    accountIds = await seedPortfolio(engines[0]!, { accounts: 30, until: UNTIL });
    queue = openQueue(connection);
    for (const [i, engine] of engines.slice(1).entries()) {
      const running = startEvaluationWorker(
        { ...engine.evaluation.deps, batchSize: 2, loadPolicy: async () => DEFAULT_POLICY },
        { ...connection, lockDurationMs: 5000, stalledIntervalMs: 2000 },
      );
      running.worker.on('completed', (job) => {
        if (job.name === 'evaluation.batch') batchesBy[i] = (batchesBy[i] ?? 0) + 1;
      });
      workers.push(running);
    }
    await Promise.all(workers.map((running) => running.worker.waitUntilReady()));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((running) => running.close()));
    await queue.obliterate({ force: true });
    await queue.close();
    for (const engine of engines) await engine.close();
    temp.remove();
  });

  it('fans a run out into batches that two workers share, each change recorded once', async () => {
    const deps = { ...engines[0]!.evaluation.deps, batchSize: 2 };
    const started = await startEvaluationRun(
      deps,
      { policy: DEFAULT_POLICY, asOf: UNTIL, trigger: 'cli' },
      { queue },
    );
    const run = await waitForRun(deps.db, started.runId);
    expect(run).toMatchObject({ status: 'done', mode: 'queue', accounts: 30, changed: 30, failed: 0 });
    expect(run.progress).toEqual({ done: 30, total: 30 });
    expect(batchesBy[0]! + batchesBy[1]!).toBe(15);
    expect(batchesBy[0]).toBeGreaterThan(0);
    expect(batchesBy[1]).toBeGreaterThan(0);
    expect(new Set(await countRunEvents(engines[0]!, accountIds, started.runId))).toEqual(new Set([1]));
  }, 60_000);

  it('fires scheduled runs from the job scheduler, one run per cron slot', async () => {
    await upsertEvaluationSchedule(queue, '*/2 * * * * *');
    const scheduler = await queue.getJobScheduler(SCHEDULER_ID);
    expect(scheduler?.pattern).toBe('*/2 * * * * *');
    const firstJob = (await queue.getDelayed()).find((job) => job.name === 'evaluation.scheduled');
    expect(firstJob).toBeDefined();
    const runId = scheduledRunId(new Date(firstJob!.opts.prevMillis!));
    const deps = engines[0]!.evaluation.deps;
    for (;;) {
      if ((await getEvaluationRun(deps.db, runId)) !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await queue.removeJobScheduler(SCHEDULER_ID);
    const run = await waitForRun(deps.db, runId);
    expect(run).toMatchObject({ status: 'done', trigger: 'schedule', mode: 'queue', accounts: 30 });
  }, 60_000);
});
