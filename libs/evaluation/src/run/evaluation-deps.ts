import type { Kysely } from 'kysely';
import type { PortfolioSnapshot } from '@kam/policies';
import type { EvaluationDatabase } from '../store/evaluation-tables.js';
import type { ApplyDeps } from './apply-change.js';
import type { BatchThreadsConfig } from './batch-threads.js';
import type { CurrentClassifications } from './plan-changes.js';

/** What a run reads the portfolio from: the read models, brought up to date first. */
export type PortfolioSource = Readonly<{
  /** Brings the read models up to the log's head (or waits for the runner that does). */
  catchUp: () => Promise<void>;
  loadSnapshot: (asOf: Date) => Promise<PortfolioSnapshot>;
  /**
   * Each account's tier, score and stage now, so an account that stays is not sent to the decider;
   * keyed in the snapshot's account order.
   */
  loadCurrent: () => Promise<CurrentClassifications>;
  /** How many accounts the portfolio holds now: whether a run is worth starting batch threads for. */
  accountCount: () => Promise<number>;
}>;

/** What applying a batch needs: a batch thread has no more than this. */
export type BatchDeps = ApplyDeps &
  Readonly<{
    db: Kysely<EvaluationDatabase>;
    /** Accounts applied at once inside one batch. */
    concurrency?: number;
  }>;

/** Everything a run needs, whichever process (CLI, API, worker) it runs in. */
export type EvaluationDeps = BatchDeps &
  Readonly<{
    portfolio: PortfolioSource;
    /** Accounts per batch for runs created here that do not name their own. */
    batchSize?: number;
    /** Worker threads that apply an in-process run's batches; absent: this thread applies them. */
    batchThreads?: BatchThreadsConfig;
  }>;
