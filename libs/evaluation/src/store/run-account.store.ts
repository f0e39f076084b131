import type { Kysely, Selectable } from 'kysely';
import type { LifecycleStage } from '@kam/domain';
import type { AccountOutcome, PlannedChange } from '../run/evaluation-run.types.js';
import type { EvaluationDatabase, EvaluationRunAccountsTable } from './evaluation-tables.js';

type Db = Kysely<EvaluationDatabase>;
type AccountRow = Selectable<EvaluationRunAccountsTable>;

/** Rows per INSERT: 15 columns each stays well under every SQLite build's bound-parameter limit. */
const ROWS_PER_INSERT = 500;

const toRow = (runId: string, batchNo: number, change: PlannedChange): AccountRow => ({
  run_id: runId,
  account_id: change.accountId,
  batch_no: batchNo,
  tier: change.tier,
  previous_tier: change.previousTier,
  score: change.score,
  stage: change.stage,
  previous_stage: change.previousStage,
  win_back: change.winBack ? 1 : 0,
  components: JSON.stringify(change.components),
  reasons: JSON.stringify(change.reasons),
  stage_reasons: JSON.stringify(change.stageReasons),
  outcome: 'pending',
  error: null,
});

const fromRow = (row: AccountRow): PlannedChange => ({
  accountId: row.account_id,
  tier: row.tier,
  previousTier: row.previous_tier,
  score: row.score,
  stage: row.stage as LifecycleStage,
  previousStage: row.previous_stage as LifecycleStage,
  winBack: row.win_back === 1,
  components: JSON.parse(row.components) as Record<string, number>,
  reasons: JSON.parse(row.reasons) as string[],
  stageReasons: JSON.parse(row.stage_reasons) as string[],
});

/**
 * Stores the planned changes, batch by batch; the caller holds the transaction. Rows already there
 * are kept, so outcomes already recorded stand.
 */
export const insertPlannedChanges = async (
  db: Db,
  runId: string,
  batches: readonly (readonly PlannedChange[])[],
): Promise<void> => {
  const rows = batches.flatMap((batch, batchNo) => batch.map((change) => toRow(runId, batchNo, change)));
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await db
      .insertInto('evaluation_run_accounts')
      .values(rows.slice(start, start + ROWS_PER_INSERT))
      .onConflict((conflict) => conflict.columns(['run_id', 'account_id']).doNothing())
      .execute();
  }
};

export const pendingChanges = async (db: Db, runId: string, batchNo: number): Promise<PlannedChange[]> => {
  const rows = await db
    .selectFrom('evaluation_run_accounts')
    .selectAll()
    .where('run_id', '=', runId)
    .where('batch_no', '=', batchNo)
    .where('outcome', '=', 'pending')
    .orderBy('account_id')
    .execute();
  return rows.map(fromRow);
};

export type RecordedOutcome = Readonly<{ accountId: string; outcome: AccountOutcome; error: string | null }>;

export const recordOutcomes = async (
  db: Db,
  runId: string,
  outcomes: readonly RecordedOutcome[],
): Promise<void> => {
  if (outcomes.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const { accountId, outcome, error } of outcomes) {
      await trx
        .updateTable('evaluation_run_accounts')
        .set({ outcome, error })
        .where('run_id', '=', runId)
        .where('account_id', '=', accountId)
        .execute();
    }
  });
};

/** The batch gave up: what it had not applied is counted failed, with the reason. */
export const failPending = async (db: Db, runId: string, batchNo: number, error: string): Promise<void> => {
  await db
    .updateTable('evaluation_run_accounts')
    .set({ outcome: 'failed', error })
    .where('run_id', '=', runId)
    .where('batch_no', '=', batchNo)
    .where('outcome', '=', 'pending')
    .execute();
};

export const pendingBatchNumbers = async (db: Db, runId: string): Promise<number[]> => {
  const rows = await db
    .selectFrom('evaluation_run_accounts')
    .select('batch_no')
    .distinct()
    .where('run_id', '=', runId)
    .where('outcome', '=', 'pending')
    .orderBy('batch_no')
    .execute();
  return rows.map((row) => Number(row.batch_no));
};

export const settledCount = async (db: Db, runId: string): Promise<number> => {
  const row = await db
    .selectFrom('evaluation_run_accounts')
    .select(({ fn }) => fn.countAll<number>().as('n'))
    .where('run_id', '=', runId)
    .where('outcome', '!=', 'pending')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
};

export type TierMove = Readonly<{ tier: string; previousTier: string | null; accounts: number }>;

/** Changed accounts grouped by their new and previous tier: what byTier is built from. */
export const changedByTierMove = async (db: Db, runId: string): Promise<TierMove[]> => {
  const rows = await db
    .selectFrom('evaluation_run_accounts')
    .select(({ fn }) => ['tier', 'previous_tier', fn.countAll<number>().as('n')])
    .where('run_id', '=', runId)
    .where('outcome', '=', 'changed')
    .groupBy(['tier', 'previous_tier'])
    .execute();
  return rows.map((row) => ({ tier: row.tier, previousTier: row.previous_tier, accounts: Number(row.n) }));
};
