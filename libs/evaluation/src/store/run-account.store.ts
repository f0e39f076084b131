import type Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { AccountOutcome, PlannedChange } from '../run/evaluation-run.types.js';
import type { PlanFigures } from './evaluation-run.store.js';
import type { EvaluationDatabase } from './evaluation-tables.js';
import { inRunTransaction, withRunConnection } from './run-connection.js';

type Db = Kysely<EvaluationDatabase>;

/** The planned change as stored in its batch's plan row. */
const stored = (change: PlannedChange): PlannedChange => ({
  // Spelled out rather than a copy by spread: a hundred thousand a run, and object rest is slow;
  // and only the change's own fields are stored, whatever else the object carries.
  accountId: change.accountId,
  tier: change.tier,
  // Rows of earlier versions may lack it.
  previousTier: change.previousTier ?? null,
  score: change.score,
  stage: change.stage,
  previousStage: change.previousStage,
  winBack: change.winBack,
  components: change.components,
  reasons: change.reasons,
  stageReasons: change.stageReasons,
});

const changesText = (batch: readonly PlannedChange[]): string => JSON.stringify(batch.map(stored));

export type OpenChange = PlannedChange & Readonly<{ interrupted: boolean }>;

/**
 * A change parsed from its plan row, which holds the change's own fields only (see `stored`).
 * Rebuilt through `stored` rather than spread: parsed objects, and spreads of them, come in many
 * hidden classes, and every later read of a batch's changes then took V8's slow lookup.
 */
const opened = (change: PlannedChange, interrupted: boolean): OpenChange =>
  Object.assign(stored(change), { interrupted });

type PlanRow = Readonly<{ accounts: number; changes: string }>;
type OutcomeValues = [string, number, string, string, string | null, string, string | null];

/** Prepared once per connection: a run executes them a thousand times a batch. */
const statementsOf = (connection: Database.Database) => ({
  insertPlan: connection.prepare<[string, number, number, string]>(
    `insert into evaluation_run_plans (run_id, batch_no, accounts, changes) values (?, ?, ?, ?)
     on conflict (run_id, batch_no) do nothing`,
  ),
  recordPlan: connection.prepare<[string, number, number, number, string, string]>(
    `update evaluation_runs
     set head_position = ?, accounts = ?, batches = ?, planned_unchanged = ?, tier_counts = ?
     where run_id = ?`,
  ),
  // The first of a plan's rows fix the head their batches apply after; a retry keeps it.
  recordHead: connection.prepare<[string, string]>(
    'update evaluation_runs set head_position = ? where run_id = ? and head_position is null',
  ),
  plannedRows: connection.prepare<[string], Readonly<{ batch_no: number; changes: string }>>(
    'select batch_no, changes from evaluation_run_plans where run_id = ?',
  ),
  planOf: connection.prepare<[string, number], PlanRow>(
    'select accounts, changes from evaluation_run_plans where run_id = ? and batch_no = ?',
  ),
  settledOf: connection
    .prepare<[string, number], string>(
      'select account_id from evaluation_run_outcomes where run_id = ? and batch_no = ?',
    )
    .pluck(),
  claimBatch: connection.prepare<[string, number, string]>(
    `insert into evaluation_run_batches (run_id, batch_no, claimed_at) values (?, ?, ?)
     on conflict (run_id, batch_no) do nothing`,
  ),
  // A later outcome replaces an earlier one, as the update of the account's row did before.
  settle: connection.prepare<OutcomeValues>(
    `insert into evaluation_run_outcomes (run_id, batch_no, account_id, tier, previous_tier, outcome, error)
     values (?, ?, ?, ?, ?, ?, ?)
     on conflict (run_id, batch_no, account_id) do update set outcome = excluded.outcome, error = excluded.error`,
  ),
  // Giving up leaves the outcomes already recorded as they are.
  settleIfOpen: connection.prepare<OutcomeValues>(
    `insert into evaluation_run_outcomes (run_id, batch_no, account_id, tier, previous_tier, outcome, error)
     values (?, ?, ?, ?, ?, ?, ?)
     on conflict (run_id, batch_no, account_id) do nothing`,
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

/** One batch of a plan: its number in the run and its planned changes. */
export type PlanBatch = Readonly<{ batchNo: number; changes: readonly PlannedChange[] }>;

/**
 * Stores planned changes, a row per batch, in one transaction; with the plan's figures, the same
 * transaction records them and the plan is complete (a run's `accounts` is set). A plan may be
 * stored in parts, the figures with the last: batches stored earlier can be applied meanwhile.
 * Rows already there are kept, so outcomes already recorded stand.
 */
export const storePlan = async (
  db: Db,
  runId: string,
  batches: readonly PlanBatch[],
  plan: PlanFigures | Readonly<{ headPosition: bigint }>,
): Promise<void> => {
  const texts = batches.map((batch) => changesText(batch.changes));
  await inRunTransaction(db, (connection) => {
    const run = statements(connection);
    batches.forEach((batch, i) => run.insertPlan.run(runId, batch.batchNo, batch.changes.length, texts[i]!));
    const head = plan.headPosition.toString();
    if (!('accounts' in plan)) {
      run.recordHead.run(head, runId);
      return;
    }
    const tierCounts = JSON.stringify(plan.tierCounts);
    run.recordPlan.run(head, plan.accounts, plan.batches, plan.plannedUnchanged, tierCounts, runId);
  });
};

/** What a coordinator that stopped while storing its plan in parts had stored of it. */
export type StoredPlanPart = Readonly<{
  accountIds: ReadonlySet<string>;
  batches: number;
  nextBatchNo: number;
}>;

export const storedPlanPart = async (db: Db, runId: string): Promise<StoredPlanPart> => {
  const rows = await withRunConnection(db, (connection) => statements(connection).plannedRows.all(runId));
  const accountIds = new Set<string>();
  for (const row of rows)
    for (const change of JSON.parse(row.changes) as PlannedChange[]) accountIds.add(change.accountId);
  const nextBatchNo = rows.reduce((next, row) => Math.max(next, Number(row.batch_no) + 1), 0);
  return { accountIds, batches: rows.length, nextBatchNo };
};

const byAccountId = (a: PlannedChange, b: PlannedChange): number =>
  a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0;

/**
 * The batch's unsettled changes, sorted by account, and the batch recorded as started. When it had
 * been started before, its worker stopped while applying it: every open change is `interrupted`,
 * so its account is checked for this run's events first.
 */
export const claimOpenChanges = async (
  db: Db,
  runId: string,
  batchNo: number,
  at: Date,
): Promise<OpenChange[]> => {
  const claim = await inRunTransaction(db, (connection) => {
    const run = statements(connection);
    const plan = run.planOf.get(runId, batchNo);
    if (plan === undefined) return null;
    const settled = run.settledOf.all(runId, batchNo);
    if (settled.length >= plan.accounts) return null;
    const startedBefore = run.claimBatch.run(runId, batchNo, at.toISOString()).changes === 0;
    return { changes: plan.changes, settled, startedBefore };
  });
  if (claim === null) return [];
  // Parsed once the write lock is released: other batches' bookkeeping need not wait for it.
  const settled = new Set(claim.settled);
  return (JSON.parse(claim.changes) as PlannedChange[])
    .filter((change) => !settled.has(change.accountId))
    .map((change) => opened(change, claim.startedBefore))
    .sort(byAccountId);
};

export type RecordedOutcome = Readonly<{ accountId: string; outcome: AccountOutcome; error: string | null }>;

/** Every account's outcome, in one transaction; `applied` are the changes the outcomes are of. */
export const recordOutcomes = async (
  db: Db,
  runId: string,
  batchNo: number,
  applied: readonly PlannedChange[],
  outcomes: readonly RecordedOutcome[],
): Promise<void> => {
  if (outcomes.length === 0) return;
  const changes = new Map(applied.map((change) => [change.accountId, change]));
  await inRunTransaction(db, (connection) => {
    const run = statements(connection);
    for (const { accountId, outcome, error } of outcomes) {
      const change = changes.get(accountId);
      if (change === undefined)
        throw new Error(`account ${accountId} is not in batch ${batchNo} of run ${runId}`);
      run.settle.run(runId, batchNo, accountId, change.tier, change.previousTier, outcome, error);
    }
  });
};

/** The batch gave up: what it had not applied is counted failed, with the reason. */
export const failPending = async (db: Db, runId: string, batchNo: number, error: string): Promise<void> => {
  const plan = await withRunConnection(db, (connection) => statements(connection).planOf.get(runId, batchNo));
  if (plan === undefined) return;
  const changes = JSON.parse(plan.changes) as PlannedChange[];
  await inRunTransaction(db, (connection) => {
    const run = statements(connection);
    for (const change of changes) {
      const { accountId, tier, previousTier } = change;
      run.settleIfOpen.run(runId, batchNo, accountId, tier, previousTier ?? null, 'failed', error);
    }
  });
};

/**
 * The run's batches with accounts still open: more planned than settled. Each batch's outcomes are
 * counted on the outcomes' key, a range of at most a batch's size.
 */
export const unfinishedBatches = (db: Db, runId: string) =>
  db
    .selectFrom('evaluation_run_plans as p')
    .select('p.batch_no')
    .where('p.run_id', '=', runId)
    .where('p.accounts', '>', (eb) =>
      eb
        .selectFrom('evaluation_run_outcomes as o')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('o.run_id', '=', 'p.run_id')
        .whereRef('o.batch_no', '=', 'p.batch_no'),
    );

export const pendingBatchNumbers = async (db: Db, runId: string): Promise<number[]> => {
  const rows = await unfinishedBatches(db, runId).orderBy('p.batch_no').execute();
  return rows.map((row) => Number(row.batch_no));
};

/**
 * Accounts still to apply: planned less settled. The plan's counts are read without its changes,
 * and the settled ones counted on the outcomes' key, so a progress poll parses no plan.
 */
export const openCount = async (db: Db, runId: string): Promise<number> => {
  const { rows } = await sql<{ n: number }>`
    select (select coalesce(sum(accounts), 0) from evaluation_run_plans where run_id = ${runId})
         - (select count(*) from evaluation_run_outcomes where run_id = ${runId}) as n`.execute(db);
  return Number(rows[0]?.n ?? 0);
};

export type TierMove = Readonly<{ tier: string; previousTier: string | null; accounts: number }>;

/** Changed accounts grouped by their new and previous tier: what byTier is built from. */
export const changedByTierMove = async (db: Db, runId: string): Promise<TierMove[]> => {
  const rows = await db
    .selectFrom('evaluation_run_outcomes')
    .select(({ fn }) => ['tier', 'previous_tier', fn.countAll<number>().as('n')])
    .where('run_id', '=', runId)
    .where('outcome', '=', 'changed')
    .groupBy(['tier', 'previous_tier'])
    .execute();
  return rows.map((row) => ({ tier: row.tier, previousTier: row.previous_tier, accounts: Number(row.n) }));
};
