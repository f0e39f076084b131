import type Database from 'better-sqlite3';
import type { Kysely, Selectable } from 'kysely';
import type { AccountOutcome, PlannedChange } from '../run/evaluation-run.types.js';
import type { PlanFigures } from './evaluation-run.store.js';
import type { EvaluationDatabase, EvaluationRunAccountsTable } from './evaluation-tables.js';
import { inRunTransaction } from './run-connection.js';

type Db = Kysely<EvaluationDatabase>;
type AccountRow = Selectable<EvaluationRunAccountsTable>;
type ChangeBody = Omit<PlannedChange, 'accountId' | 'tier' | 'previousTier'>;

/** Not settled yet: what a batch still has to apply. */
export const OPEN_OUTCOMES = ['pending', 'applying'] as const;

type OpenRow = Pick<AccountRow, 'account_id' | 'tier' | 'previous_tier' | 'change' | 'outcome'>;

/** The planned change's body as stored: everything but the columns of its own. */
const changeText = (change: PlannedChange): string => {
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
  return JSON.stringify(body);
};

export type OpenChange = PlannedChange & Readonly<{ interrupted: boolean }>;

const fromRow = (row: OpenRow, startedBefore: boolean): OpenChange => {
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

/** Prepared once per connection: a run executes them a hundred thousand times. */
const statementsOf = (connection: Database.Database) => ({
  insertChange: connection.prepare<[string, string, number, string, string | null, string]>(
    `insert into evaluation_run_accounts (run_id, account_id, batch_no, tier, previous_tier, change, outcome, error)
     values (?, ?, ?, ?, ?, ?, 'pending', null)
     on conflict (run_id, account_id) do nothing`,
  ),
  recordPlan: connection.prepare<[string, number, number, number, string, string]>(
    `update evaluation_runs
     set head_position = ?, accounts = ?, batches = ?, planned_unchanged = ?, tier_counts = ?
     where run_id = ?`,
  ),
  openChanges: connection.prepare<[string, number], OpenRow>(
    `select account_id, tier, previous_tier, change, outcome from evaluation_run_accounts
     where run_id = ? and batch_no = ? and outcome in ('pending', 'applying')`,
  ),
  claimBatch: connection.prepare<[string, number, string]>(
    `insert into evaluation_run_batches (run_id, batch_no, claimed_at) values (?, ?, ?)
     on conflict (run_id, batch_no) do nothing`,
  ),
  settle: connection.prepare<[string, string | null, string, string]>(
    'update evaluation_run_accounts set outcome = ?, error = ? where run_id = ? and account_id = ?',
  ),
});
type RunStatements = ReturnType<typeof statementsOf>;
const prepared = new WeakMap<Database.Database, RunStatements>();
const statements = (connection: Database.Database): RunStatements => {
  let found = prepared.get(connection);
  if (found === undefined) {
    found = statementsOf(connection);
    prepared.set(connection, found);
  }
  return found;
};

/**
 * Stores the planned changes, batch by batch, and the plan's figures, in one transaction: a retried
 * coordinator finds either both or neither. Rows already there are kept, so outcomes already
 * recorded stand.
 */
export const storePlan = async (
  db: Db,
  runId: string,
  batches: readonly (readonly PlannedChange[])[],
  plan: PlanFigures,
): Promise<void> => {
  await inRunTransaction(db, (connection) => {
    const run = statements(connection);
    batches.forEach((batch, batchNo) => {
      for (const change of batch) {
        const text = changeText(change);
        run.insertChange.run(runId, change.accountId, batchNo, change.tier, change.previousTier, text);
      }
    });
    const tierCounts = JSON.stringify(plan.tierCounts);
    const head = plan.headPosition.toString();
    run.recordPlan.run(head, plan.accounts, plan.batches, plan.plannedUnchanged, tierCounts, runId);
  });
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
  const { rows, startedBefore } = await inRunTransaction(db, (connection) => {
    const run = statements(connection);
    const open = run.openChanges.all(runId, batchNo);
    if (open.length === 0) return { rows: open, startedBefore: false };
    return { rows: open, startedBefore: run.claimBatch.run(runId, batchNo, at.toISOString()).changes === 0 };
  });
  // Sorted here, not in SQL: an ORDER BY account_id makes SQLite walk the run's primary key (every
  // account of the run) instead of the batch index, which over 100 batches of 1,000 is quadratic.
  return rows
    .map((row) => fromRow(row, startedBefore))
    .sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
};

export type RecordedOutcome = Readonly<{ accountId: string; outcome: AccountOutcome; error: string | null }>;

/** Every account's outcome, in one transaction. */
export const recordOutcomes = async (
  db: Db,
  runId: string,
  outcomes: readonly RecordedOutcome[],
): Promise<void> => {
  if (outcomes.length === 0) return;
  await inRunTransaction(db, (connection) => {
    const run = statements(connection);
    for (const { accountId, outcome, error } of outcomes) run.settle.run(outcome, error, runId, accountId);
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
