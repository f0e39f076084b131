import type { Kysely } from 'kysely';
import { migrateRunAccounts } from './migrate-run-accounts.js';

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
  /** Accounts the evaluation left as they were: in no batch of evaluation_run_plans. */
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
 * One row per batch of a run's plan: what the coordinator computed once for the whole portfolio
 * (rankings need it whole), and what that batch's job applies. A batch's planned changes are one
 * JSON array, not a row per account: 100,000 rows put as many random keys into three B-trees on the
 * coordinator's critical path. Storing a 100,000-account plan took 2.1 s that way and takes 1.0 s
 * as 100 rows of 1,000 (median of 3, the in-process harness on a loaded machine; half of the 1.0 s
 * is the JSON encoding both pay). An account appears in one batch of a plan.
 */
export type EvaluationRunPlansTable = {
  run_id: string;
  batch_no: number;
  /**
   * How many changes `changes` holds. Before it in the row, so progress reads sum it without
   * reading (or parsing) the changes, which live in the row's overflow pages.
   */
  accounts: number;
  /** JSON: the batch's PlannedChange objects. */
  changes: string;
};

/**
 * One row per planned account once it is settled: changed, unchanged or failed. None is written
 * with the plan (that is the cost above); what a batch still has to apply is its plan row's changes
 * without an outcome here. The tier and previous tier are copied so the run's figures per tier are
 * counted without reading the plan. Keyed by batch first, not by account alone: a batch's outcomes
 * are inserted together in account order and counted together, one B-tree fewer, and an account
 * is in one batch of a plan only.
 */
export type EvaluationRunOutcomesTable = {
  run_id: string;
  batch_no: number;
  account_id: string;
  tier: string;
  previous_tier: string | null;
  outcome: string;
  error: string | null;
};

/**
 * One row per batch a worker has started: a batch started before whose accounts are still open was
 * interrupted, so each of them is checked for this run's events before anything is appended. Kept
 * apart from the plan so starting a batch writes one small row and leaves the plan as it was.
 */
export type EvaluationRunBatchesTable = {
  run_id: string;
  batch_no: number;
  claimed_at: string;
};

export type EvaluationDatabase = {
  evaluation_runs: EvaluationRunsTable;
  evaluation_run_plans: EvaluationRunPlansTable;
  evaluation_run_outcomes: EvaluationRunOutcomesTable;
  evaluation_run_batches: EvaluationRunBatchesTable;
};

/**
 * Creates the tables when missing, and moves an earlier version's per-account rows into them; safe
 * to call from every process at start.
 */
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
    .createTable('evaluation_run_plans')
    .ifNotExists()
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('batch_no', 'integer', (c) => c.notNull())
    .addColumn('accounts', 'integer', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_run_plans_pk', ['run_id', 'batch_no'])
    .execute();
  await db.schema
    .createTable('evaluation_run_outcomes')
    .ifNotExists()
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('batch_no', 'integer', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('previous_tier', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('evaluation_run_outcomes_pk', ['run_id', 'batch_no', 'account_id'])
    .execute();
  await db.schema
    .createTable('evaluation_run_batches')
    .ifNotExists()
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('batch_no', 'integer', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_run_batches_pk', ['run_id', 'batch_no'])
    .execute();
  // The run's figures count changed, unchanged and failed accounts; nothing else reads by outcome.
  await db.schema
    .createIndex('evaluation_run_outcomes_outcome')
    .ifNotExists()
    .on('evaluation_run_outcomes')
    .columns(['run_id', 'outcome'])
    .execute();
  await migrateRunAccounts(db);
};
