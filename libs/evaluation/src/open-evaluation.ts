import type { AccountRepository } from '@kam/application';
import type { EventStore } from '@kam/event-store';
import { openSqliteReadModels, type ReadModels } from '@kam/projections';
import {
  BATCH_THREADS_MIN_ACCOUNTS,
  inProcessBatchThreads,
  type BatchThreadsConfig,
} from './run/batch-threads.js';
import type { EvaluationDeps } from './run/evaluation-deps.js';
import { readModelPortfolio } from './run/read-model-portfolio.js';
import { openEvaluationStore } from './store/open-evaluation-store.js';

export type EvaluationEnvironmentOptions = Readonly<{
  /** `<data-dir>/kam.db`: the log, the read models and the run tables. */
  sqliteFile: string;
  store: EventStore;
  repository: AccountRepository;
  clock?: () => Date;
  concurrency?: number;
  batchSize?: number;
  /**
   * Worker threads applying in-process runs' batches (each on its own connections to the file):
   * on a machine with more than one core, a run's decisions and hashing then run in parallel.
   * `auto`: as many as suit this machine, for portfolios large enough to gain. Only for an event
   * store on `sqliteFile` itself: the threads append to that file. Default 0: this thread applies them.
   */
  batchThreads?: number | 'auto';
  /** Portfolio size from which the batch threads are used (see BatchThreadsConfig). */
  batchThreadsMinAccounts?: number;
}>;

export type EvaluationEnvironment = Readonly<{
  deps: EvaluationDeps;
  readModels: ReadModels;
  close: () => Promise<void>;
}>;

const batchThreadsConfig = (options: EvaluationEnvironmentOptions): BatchThreadsConfig | undefined => {
  const auto = options.batchThreads === 'auto';
  const count = auto ? inProcessBatchThreads() : (options.batchThreads ?? 0);
  if (count <= 0) return undefined;
  return {
    sqliteFile: options.sqliteFile,
    count,
    clockStart: options.clock,
    concurrency: options.concurrency,
    minAccounts: options.batchThreadsMinAccounts ?? (auto ? BATCH_THREADS_MIN_ACCOUNTS : 0),
  };
};

/** Opens what a run needs beside the engine's event store: the read models and the run tables. */
export const openEvaluationEnvironment = async (
  options: EvaluationEnvironmentOptions,
): Promise<EvaluationEnvironment> => {
  const readModels = await openSqliteReadModels({ file: options.sqliteFile });
  const db = await openEvaluationStore(options.sqliteFile).catch(async (error: unknown) => {
    await readModels.close();
    throw error;
  });
  const deps: EvaluationDeps = {
    store: options.store,
    repository: options.repository,
    clock: options.clock ?? (() => new Date()),
    db,
    portfolio: readModelPortfolio(readModels, options.store),
    concurrency: options.concurrency,
    batchSize: options.batchSize,
    batchThreads: batchThreadsConfig(options),
  };
  return {
    deps,
    readModels,
    close: async () => {
      await db.destroy();
      await readModels.close();
    },
  };
};
