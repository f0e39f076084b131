import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { AccountRepository } from '@kam/application';
import { openSqliteEventStore } from '@kam/event-store';
import { DEFAULT_POLICY } from '@kam/policies';
import { openEvaluationEnvironment } from '../open-evaluation.js';
import { runEvaluationInProcess } from '../run/run-in-process.js';
import { BENCH_AS_OF, preparePortfolio, type SetupProgress } from './bench-portfolio.setup.js';
import { runEvaluateCeiling, type EvaluateCeiling } from './evaluate-ceiling.js';
import { runQueuedBenchmark } from './queued-evaluation.bench.js';
import { measureRunWrites } from './run-writes.js';

export type EvaluateFigures = Readonly<{ accounts: number; seconds: number; changed: number }>;

/** A mode's figure beside the ceiling of the same run: both in seconds, so the ratio is ceiling / seconds. */
export type AgainstCeiling = Readonly<{ ceiling: number; ratio: number }>;

export type EvaluateBenchmark = EvaluateFigures &
  AgainstCeiling &
  Readonly<{
    inProcess: EvaluateFigures & AgainstCeiling;
    /** Through BullMQ with worker processes; absent without a Redis to use. */
    queue: (EvaluateFigures & AgainstCeiling & Readonly<{ workers: number }>) | null;
    /** What the ceiling did (see evaluate-ceiling.ts): its accounts, changes and events. */
    ceilingRun: EvaluateCeiling;
  }>;

export type EvaluateBenchmarkOptions = Readonly<{
  /** An empty directory: the portfolio is built there, one copy per mode and one for the ceiling. */
  dir: string;
  accounts?: number;
  queue?: Readonly<{ redisUrl: string; workers?: number }>;
  onProgress?: SetupProgress;
}>;

const IN_PROCESS_THREADS = 2;

/** The timed part: one evaluation run of the whole portfolio, end to end, in this process. */
const runInProcess = async (file: string): Promise<EvaluateFigures> => {
  const clock = () => new Date(BENCH_AS_OF.getTime() + 3_600_000);
  const store = await openSqliteEventStore({ file, clock });
  const repository = new AccountRepository(store, 200_000);
  // Two threads apply the batches while this one coordinates: the machine's two cores both work.
  const environment = await openEvaluationEnvironment({
    sqliteFile: file,
    store,
    repository,
    clock,
    batchThreads: IN_PROCESS_THREADS,
  });
  try {
    const summary = await runEvaluationInProcess(environment.deps, {
      policy: DEFAULT_POLICY,
      asOf: BENCH_AS_OF,
      trigger: 'bench',
    });
    return { accounts: summary.accounts, seconds: summary.seconds, changed: summary.changed };
  } finally {
    await environment.close();
    await store.close();
  }
};

const againstCeiling = (figures: EvaluateFigures, ceiling: EvaluateCeiling): AgainstCeiling => ({
  ceiling: ceiling.seconds,
  ratio: figures.seconds > 0 ? ceiling.seconds / figures.seconds : 0,
});

/**
 * Evaluating a portfolio of 100,000 accounts: load the snapshot from the read models, rank and
 * classify it, and append every change through the real command path, in this process and through
 * BullMQ with worker processes. Each mode starts from its own copy of the same prepared portfolio,
 * and so does the ceiling (evaluate-ceiling.ts), run right after the in-process run, whose writes
 * it then repeats with the raw driver.
 */
/**
 * Before a timed phase: the gigabyte or so the previous steps wrote (the prepared portfolio, its
 * copies, the previous mode's run) is written back now, not during the phase, where it slowed every
 * fsync of the run being timed. Where there is no `sync` command, the phase runs as it is.
 */
const settleDisk = (): void => {
  spawnSync('sync', { stdio: 'ignore' });
};

export const runEvaluateBenchmark = async (options: EvaluateBenchmarkOptions): Promise<EvaluateBenchmark> => {
  const accounts = options.accounts ?? 100_000;
  const progress = options.onProgress ?? (() => undefined);
  const [inProcessDir, ceilingDir, queueDir] = ['in-process', 'ceiling', 'queue'].map((mode) =>
    path.join(options.dir, mode),
  ) as [string, string, string];
  for (const dir of [inProcessDir, ceilingDir, queueDir]) mkdirSync(dir, { recursive: true });
  const file = path.join(inProcessDir, 'kam.db');
  await preparePortfolio(file, accounts, progress);
  const ceilingFile = path.join(ceilingDir, 'kam.db');
  copyFileSync(file, ceilingFile);
  if (options.queue) copyFileSync(file, path.join(queueDir, 'kam.db'));
  progress('evaluate: in-process', 0, accounts);
  settleDisk();
  const figures = await runInProcess(file);
  progress('evaluate: in-process', accounts, accounts);
  const writes = measureRunWrites(file, figures.changed);
  settleDisk();
  const ceiling = await runEvaluateCeiling(ceilingFile, writes, {
    asOf: BENCH_AS_OF,
    onProgress: (done, total) => progress('evaluate: ceiling', done, total),
  });
  const inProcess = { ...figures, ...againstCeiling(figures, ceiling) };
  if (options.queue) settleDisk();
  const queued = options.queue
    ? await runQueuedBenchmark(path.join(queueDir, 'kam.db'), options.queue, progress)
    : null;
  const queue = queued && { ...queued, ...againstCeiling(queued, ceiling) };
  return { ...inProcess, inProcess, queue, ceilingRun: ceiling };
};
