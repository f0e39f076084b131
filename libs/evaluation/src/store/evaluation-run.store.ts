import { sql, type Kysely, type Selectable } from 'kysely';
import type { EvaluationDatabase, EvaluationRunsTable } from './evaluation-tables.js';
import { unfinishedBatches } from './run-account.store.js';

export type RunRow = Selectable<EvaluationRunsTable>;
type Db = Kysely<EvaluationDatabase>;

export type NewRun = Pick<
  RunRow,
  | 'run_id'
  | 'trigger'
  | 'mode'
  | 'as_of'
  | 'policy_id'
  | 'policy_version'
  | 'policy_json'
  | 'created_at'
  | 'batch_size'
>;

/** False when a run with this id already exists: a second scheduler firing the same slot. */
export const insertRun = async (db: Db, run: NewRun): Promise<boolean> => {
  const result = await db
    .insertInto('evaluation_runs')
    .values({ ...run, status: 'queued', planned_unchanged: 0 })
    .onConflict((conflict) => conflict.column('run_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
};

export const findRunRow = async (db: Db, runId: string): Promise<RunRow | null> =>
  (await db.selectFrom('evaluation_runs').selectAll().where('run_id', '=', runId).executeTakeFirst()) ?? null;

/** Only a queued run starts; a coordinator retried after a crash finds it running and goes on. */
export const markRunning = async (db: Db, runId: string, at: Date): Promise<void> => {
  await db
    .updateTable('evaluation_runs')
    .set({ status: 'running', started_at: at.toISOString() })
    .where('run_id', '=', runId)
    .where('status', '=', 'queued')
    .execute();
};

export type PlanFigures = Readonly<{
  headPosition: bigint;
  accounts: number;
  batches: number;
  plannedUnchanged: number;
  tierCounts: Readonly<Record<string, number>>;
}>;

export const markFailed = async (db: Db, runId: string, error: string, at: Date): Promise<void> => {
  await db
    .updateTable('evaluation_runs')
    .set({ status: 'failed', error, finished_at: at.toISOString() })
    .where('run_id', '=', runId)
    .where('status', 'in', ['queued', 'running'])
    .execute();
};

const countOf = (runId: string, outcome: string) =>
  sql<number>`(select count(*) from evaluation_run_outcomes o where o.run_id = ${runId} and o.outcome = ${outcome})`;

/**
 * One statement, so whichever batch finishes last (in any process) closes the run exactly once:
 * it only matches while the run is running, planned, and has no batch with an account left open.
 */
export const finishIfComplete = async (db: Db, runId: string, at: Date): Promise<boolean> => {
  // Read first: every batch but the last finds accounts still open, and an UPDATE, even one that
  // changes nothing, waits for the file's write lock that the other workers' batches are taking.
  // From the last batch down: batches are taken in order, so the last ones are the last to finish
  // and the first one looked at is usually still open, its outcomes few to count.
  const open = await unfinishedBatches(db, runId).orderBy('p.batch_no', 'desc').limit(1).executeTakeFirst();
  if (open !== undefined) return false;
  const result = await db
    .updateTable('evaluation_runs')
    .set({
      status: 'done',
      finished_at: at.toISOString(),
      changed: countOf(runId, 'changed'),
      unchanged: sql<number>`planned_unchanged + ${countOf(runId, 'unchanged')}`,
      failed: countOf(runId, 'failed'),
    })
    .where('run_id', '=', runId)
    .where('status', '=', 'running')
    .where('accounts', 'is not', null)
    .where(({ not, exists }) => not(exists(unfinishedBatches(db, runId))))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

export const recordByTier = async (db: Db, runId: string, byTier: unknown): Promise<void> => {
  await db
    .updateTable('evaluation_runs')
    .set({ by_tier: JSON.stringify(byTier) })
    .where('run_id', '=', runId)
    .execute();
};

/** Runs that a lost Redis or a killed coordinator may have left without their jobs. */
export const unfinishedRunIds = async (db: Db, mode: string): Promise<string[]> => {
  const rows = await db
    .selectFrom('evaluation_runs')
    .select('run_id')
    .where('mode', '=', mode)
    .where('status', 'in', ['queued', 'running'])
    .orderBy('created_at')
    .execute();
  return rows.map((row) => row.run_id);
};
