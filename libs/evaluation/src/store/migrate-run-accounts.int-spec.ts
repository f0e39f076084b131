import { accountStreamId } from '@kam/domain';
import { DEFAULT_POLICY } from '@kam/policies';
import { sql, type Kysely } from 'kysely';
import { createRun } from '../run/create-run.js';
import type { PlannedChange } from '../run/evaluation-run.types.js';
import { planRun } from '../run/plan-run.js';
import { processBatch } from '../run/process-batch.js';
import { driveRun } from '../run/run-in-process.js';
import { openTestEngine, seedPortfolio, tempSqliteFile, type Engine } from '../testing/portfolio-fixture.js';
import { getEvaluationRun } from './get-evaluation-run.js';
import { ensureEvaluationTables, type EvaluationDatabase } from './evaluation-tables.js';

const UNTIL = new Date('2026-03-31T12:00:00Z');
const clock = () => new Date('2026-04-01T08:00:00Z');

/** The per-account table of earlier versions, as they created it. */
type OldDatabase = EvaluationDatabase & {
  evaluation_run_accounts: {
    run_id: string;
    account_id: string;
    batch_no: number;
    tier: string;
    previous_tier: string | null;
    change: string;
    outcome: string;
    error: string | null;
  };
};

const createOldTable = async (db: Kysely<OldDatabase>): Promise<void> => {
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

const byAccount = (a: PlannedChange, b: PlannedChange): number => a.accountId.localeCompare(b.accountId);

const plannedChanges = async (db: Kysely<EvaluationDatabase>, runId: string): Promise<PlannedChange[]> => {
  const rows = await db
    .selectFrom('evaluation_run_plans')
    .select(['batch_no', 'changes'])
    .where('run_id', '=', runId)
    .orderBy('batch_no')
    .execute();
  return rows.flatMap((row) => JSON.parse(row.changes) as PlannedChange[]).sort(byAccount);
};

/** The old row of a planned change: its own columns, and the rest as the change's JSON body. */
const oldRow = (runId: string, batchNo: number, change: PlannedChange, outcome: string) => {
  const { accountId, tier, previousTier, ...body } = change;
  const row = { run_id: runId, account_id: accountId, batch_no: batchNo, tier, previous_tier: previousTier };
  return { ...row, change: JSON.stringify(body), outcome, error: null };
};

describe('a run stored by an earlier version, one row per account', () => {
  const temp = tempSqliteFile('kam-eval-migrate');
  let engine: Engine;
  let accountIds: string[];

  beforeAll(async () => {
    engine = await openTestEngine(temp.file, clock);
    accountIds = await seedPortfolio(engine, { accounts: 24, until: UNTIL });
  }, 60_000);

  afterAll(async () => {
    await engine.close();
    temp.remove();
  });

  it('is moved into plan and outcome rows on start and driven to its end, each account changed once', async () => {
    const deps = engine.evaluation.deps;
    const db = deps.db.withTables<Pick<OldDatabase, 'evaluation_run_accounts'>>();
    const { runId } = await createRun(
      deps,
      { policy: DEFAULT_POLICY, asOf: UNTIL, trigger: 'cli', batchSize: 8 },
      'in_process',
    );
    expect(await planRun(deps, runId)).toEqual([0, 1, 2]);
    // Batch 0 settled; batch 1 appended but its outcomes lost, its rows left `applying` (a version
    // before the batches table); batch 2 not started.
    await processBatch(deps, runId, 0);
    await processBatch(deps, runId, 1);
    const planned = await plannedChanges(deps.db, runId);
    const batches = await db
      .selectFrom('evaluation_run_plans')
      .selectAll()
      .where('run_id', '=', runId)
      .execute();
    const settled = new Map(
      (await db.selectFrom('evaluation_run_outcomes').selectAll().where('run_id', '=', runId).execute()).map(
        (row) => [row.account_id, row.outcome],
      ),
    );
    await createOldTable(db);
    for (const { batch_no: batchNo, changes } of batches) {
      const rows = (JSON.parse(changes) as PlannedChange[]).map((change) =>
        oldRow(
          runId,
          batchNo,
          change,
          batchNo === 0 ? settled.get(change.accountId)! : batchNo === 1 ? 'applying' : 'pending',
        ),
      );
      await db.insertInto('evaluation_run_accounts').values(rows).execute();
    }
    for (const table of [
      'evaluation_run_plans',
      'evaluation_run_outcomes',
      'evaluation_run_batches',
    ] as const) {
      await db.deleteFrom(table).where('run_id', '=', runId).execute();
    }

    await ensureEvaluationTables(deps.db);
    await ensureEvaluationTables(deps.db);

    const { rows: left } = await sql<{ name: string }>`
      select name from sqlite_master where name like 'evaluation_run_accounts%'`.execute(db);
    expect(left).toEqual([]);
    expect(await plannedChanges(deps.db, runId)).toEqual(planned);
    expect(planned.every((change) => change.previousTier === null)).toBe(true);
    expect((await getEvaluationRun(deps.db, runId))?.progress).toEqual({ done: 8, total: 24 });
    expect(await planRun(deps, runId)).toEqual([1, 2]);
    await driveRun(deps, runId);

    const run = await getEvaluationRun(deps.db, runId);
    expect(run).toMatchObject({ status: 'done', changed: 24, unchanged: 0, failed: 0 });
    const tiers = Object.values(run?.byTier ?? {});
    expect(tiers.reduce((sum, tier) => sum + tier.entered, 0)).toBe(24);
    for (const accountId of accountIds) {
      const ofRun: unknown[] = [];
      for await (const event of engine.store.readStream(accountStreamId(accountId))) {
        if (event.type === 'AccountReclassified' && event.data.runId === runId) ofRun.push(event);
      }
      expect(ofRun).toHaveLength(1);
    }
  });
});
