import type { Kysely } from 'kysely';

/**
 * One row per run: what it was asked, where it stands, and its figures once done. Times are
 * ISO-8601 text and counts plain integers so the same tables work in SQLite and PostgreSQL.
 */
export type EvaluationRunsTable = {
  run_id: string;
  status: string;
  trigger: string;
  mode: string;
  as_of: string;
  policy_id: string;
  policy_version: string;
  /** The policy document itself, so every batch of a run applies the same policy. */
  policy_json: string;
  created_at: string;
  /** Accounts per batch job, fixed when the run is asked for. */
  batch_size: number;
  started_at: string | null;
  finished_at: string | null;
  /** The log's head when the run read the portfolio: this run's events all come after it. */
  head_position: string | null;
  accounts: number | null;
  batches: number | null;
  /** Accounts the evaluation left as they were: no row in evaluation_run_accounts. */
  planned_unchanged: number;
  changed: number | null;
  unchanged: number | null;
  failed: number | null;
  /** JSON: accounts per tier as evaluated. */
  tier_counts: string | null;
  /** JSON: the finished run's figures per tier. */
  by_tier: string | null;
  error: string | null;
};

/**
 * One row per account the evaluation would change, keyed by (run, account): what the coordinator
 * computed once for the whole portfolio (rankings need it whole) and what each batch job applies.
 */
export type EvaluationRunAccountsTable = {
  run_id: string;
  account_id: string;
  batch_no: number;
  tier: string;
  previous_tier: string | null;
  /** JSON: the rest of the planned change (score, components, reasons, stage, win-back). */
  change: string;
  /**
   * pending; then changed, unchanged or failed. (applying: written by earlier versions when a batch
   * started on the account; now `evaluation_run_batches` records that, and both are understood.)
   */
  outcome: string;
  error: string | null;
};

/**
 * One row per batch a worker has started: a batch started before whose accounts are still open was
 * interrupted, so each of them is checked for this run's events before anything is appended. Kept
 * apart from the account rows so starting a batch writes one small row, not a thousand large ones.
 */
export type EvaluationRunBatchesTable = {
  run_id: string;
  batch_no: number;
  claimed_at: string;
};

export type EvaluationDatabase = {
  evaluation_runs: EvaluationRunsTable;
  evaluation_run_accounts: EvaluationRunAccountsTable;
  evaluation_run_batches: EvaluationRunBatchesTable;
};

/** Creates the tables when missing; safe to call from every process at start. */
export const ensureEvaluationTables = async (db: Kysely<EvaluationDatabase>): Promise<void> => {
  await db.schema
    .createTable('evaluation_runs')
    .ifNotExists()
    .addColumn('run_id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('policy_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('batch_size', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('head_position', 'text')
    .addColumn('accounts', 'integer')
    .addColumn('batches', 'integer')
    .addColumn('planned_unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('changed', 'integer')
    .addColumn('unchanged', 'integer')
    .addColumn('failed', 'integer')
    .addColumn('tier_counts', 'text')
    .addColumn('by_tier', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createTable('evaluation_run_accounts')
    .ifNotExists()
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('batch_no', 'integer', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('previous_tier', 'text')
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('evaluation_run_accounts_pk', ['run_id', 'account_id'])
    .execute();
  await db.schema
    .createTable('evaluation_run_batches')
    .ifNotExists()
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('batch_no', 'integer', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_run_batches_pk', ['run_id', 'batch_no'])
    .execute();
  await db.schema
    .createIndex('evaluation_run_accounts_batch')
    .ifNotExists()
    .on('evaluation_run_accounts')
    .columns(['run_id', 'batch_no', 'outcome'])
    .execute();
  await db.schema
    .createIndex('evaluation_run_accounts_outcome')
    .ifNotExists()
    .on('evaluation_run_accounts')
    .columns(['run_id', 'outcome'])
    .execute();
};
