import type { Kysely, Selectable } from 'kysely';
import type { AccountOutcome, PlannedChange } from '../run/evaluation-run.types.js';
import type { EvaluationDatabase, EvaluationRunAccountsTable } from './evaluation-tables.js';

type Db = Kysely<EvaluationDatabase>;
type AccountRow = Selectable<EvaluationRunAccountsTable>;
type ChangeBody = Omit<PlannedChange, 'accountId' | 'tier' | 'previousTier'>;

/** Rows (or ids) per statement: well under every SQLite build's bound-parameter limit. */
const CHUNK = 500;
/** Not settled yet: what a batch still has to apply. */
export const OPEN_OUTCOMES = ['pending', 'applying'] as const;

const toRow = (runId: string, batchNo: number, change: PlannedChange): AccountRow => {
  // Spelled out rather than `...rest`: a hundred thousand rows a run, and object rest is slow.
  const body: ChangeBody = {
    score: change.score,
    stage: change.stage,
    previousStage: change.previousStage,
    winBack: change.winBack,
    components: change.components,
    reasons: change.reasons,
    stageReasons: change.stageReasons,
  };
  return {
    run_id: runId,
    account_id: change.accountId,
    batch_no: batchNo,
    tier: change.tier,
    previous_tier: change.previousTier,
    change: JSON.stringify(body),
    outcome: 'pending',
    error: null,
  };
};

export type OpenChange = PlannedChange & Readonly<{ interrupted: boolean }>;

const fromRow = (row: AccountRow, startedBefore: boolean): OpenChange => {
  const body = JSON.parse(row.change) as ChangeBody;
  return {
    accountId: row.account_id,
    tier: row.tier,
    previousTier: row.previous_tier,
    score: body.score,
    stage: body.stage,
    previousStage: body.previousStage,
    winBack: body.winBack,
    components: body.components,
    reasons: body.reasons,
    stageReasons: body.stageReasons,
    interrupted: startedBefore || row.outcome === 'applying',
  };
};

const chunks = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) out.push(items.slice(start, start + CHUNK));
  return out;
};

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
  for (const chunk of chunks(rows)) {
    await db
      .insertInto('evaluation_run_accounts')
      .values(chunk)
      .onConflict((conflict) => conflict.columns(['run_id', 'account_id']).doNothing())
      .execute();
  }
};

/**
 * The batch's unsettled changes, and the batch recorded as started. When it had been started before,
 * its worker stopped while applying it: every open change is `interrupted`, so its account is
 * checked for this run's events first. (A change an earlier version marked `applying` is too.)
 */
export const claimOpenChanges = async (
  db: Db,
  runId: string,
  batchNo: number,
  at: Date,
): Promise<OpenChange[]> => {
  const rows = await db
    .selectFrom('evaluation_run_accounts')
    .selectAll()
    .where('run_id', '=', runId)
    .where('batch_no', '=', batchNo)
    .where('outcome', 'in', OPEN_OUTCOMES)
    .execute();
  if (rows.length === 0) return [];
  const claim = await db
    .insertInto('evaluation_run_batches')
    .values({ run_id: runId, batch_no: batchNo, claimed_at: at.toISOString() })
    .onConflict((conflict) => conflict.columns(['run_id', 'batch_no']).doNothing())
    .executeTakeFirst();
  const startedBefore = Number(claim.numInsertedOrUpdatedRows ?? 0n) === 0;
  // Sorted here, not in SQL: an ORDER BY account_id makes SQLite walk the run's primary key (every
  // account of the run) instead of the batch index, which over 100 batches of 1,000 is quadratic.
  return rows
    .map((row) => fromRow(row, startedBefore))
    .sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
};

export type RecordedOutcome = Readonly<{ accountId: string; outcome: AccountOutcome; error: string | null }>;

/** One statement per few hundred accounts settled alike; failures one by one, with their reason. */
export const recordOutcomes = async (
  db: Db,
  runId: string,
  outcomes: readonly RecordedOutcome[],
): Promise<void> => {
  if (outcomes.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const outcome of ['changed', 'unchanged'] as const) {
      const ids = outcomes.filter((entry) => entry.outcome === outcome).map((entry) => entry.accountId);
      for (const chunk of chunks(ids)) {
        await trx
          .updateTable('evaluation_run_accounts')
          .set({ outcome, error: null })
          .where('run_id', '=', runId)
          .where('account_id', 'in', chunk)
          .execute();
      }
    }
    for (const { accountId, error } of outcomes.filter((entry) => entry.outcome === 'failed')) {
      await trx
        .updateTable('evaluation_run_accounts')
        .set({ outcome: 'failed', error })
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
    .where('outcome', 'in', OPEN_OUTCOMES)
    .execute();
};

export const pendingBatchNumbers = async (db: Db, runId: string): Promise<number[]> => {
  const rows = await db
    .selectFrom('evaluation_run_accounts')
    .select('batch_no')
    .distinct()
    .where('run_id', '=', runId)
    .where('outcome', 'in', OPEN_OUTCOMES)
    .orderBy('batch_no')
    .execute();
  return rows.map((row) => Number(row.batch_no));
};

/**
 * Accounts still to apply. Counted rather than the settled ones: the open ones are found by
 * equality on the (run, outcome) index, so a progress poll late in a run reads a few entries, not
 * every settled one.
 */
export const openCount = async (db: Db, runId: string): Promise<number> => {
  const row = await db
    .selectFrom('evaluation_run_accounts')
    .select(({ fn }) => fn.countAll<number>().as('n'))
    .where('run_id', '=', runId)
    .where('outcome', 'in', OPEN_OUTCOMES)
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
