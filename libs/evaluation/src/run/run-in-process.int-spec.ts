import path from 'node:path';
import { handleAccountCommand } from '@kam/application';
import { accountStreamId } from '@kam/domain';
import type { RecordedEvent } from '@kam/event-store';
import { DEFAULT_POLICY, policyVersion } from '@kam/policies';
import { getEvaluationRun } from '../store/get-evaluation-run.js';
import { openTestEngine, seedPortfolio, tempSqliteFile, type Engine } from '../testing/portfolio-fixture.js';
import { EvaluationRequestError } from './evaluation.errors.js';
import { runEvaluationInProcess } from './run-in-process.js';
import { createRun } from './create-run.js';
import type { EvaluationDeps } from './evaluation-deps.js';
import { planRun } from './plan-run.js';
import { processBatch } from './process-batch.js';
import { startBatchThreads } from './batch-threads.js';

const UNTIL = new Date('2026-03-31T12:00:00Z');
const clock = () => new Date('2026-04-01T08:00:00Z');

const historyOf = async (engine: Engine, accountId: string): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of engine.store.readStream(accountStreamId(accountId))) events.push(event);
  return events;
};

describe('an evaluation run in this process, against a real SQLite file', () => {
  const temp = tempSqliteFile('kam-eval-run');
  let engine: Engine;
  let accountIds: string[];

  beforeAll(async () => {
    engine = await openTestEngine(temp.file, clock);
    accountIds = await seedPortfolio(engine, { accounts: 40, until: UNTIL });
  }, 60_000);

  afterAll(async () => {
    await engine.close();
    temp.remove();
  });

  it('tiers every account once, with the run id, the policy version and the reasons', async () => {
    const summary = await runEvaluationInProcess(engine.evaluation.deps, {
      policy: DEFAULT_POLICY,
      asOf: UNTIL,
      trigger: 'cli',
    });
    expect(summary).toMatchObject({ accounts: 40, changed: 40, unchanged: 0, failed: 0 });
    expect(summary.policyVersion).toBe(policyVersion(DEFAULT_POLICY));
    const tiers = Object.values(summary.byTier);
    expect(tiers.reduce((sum, tier) => sum + tier.accounts, 0)).toBe(40);
    expect(tiers.reduce((sum, tier) => sum + tier.changed, 0)).toBe(40);
    expect(summary.byTier.strategic?.accounts).toBe(2);

    const events = await historyOf(engine, accountIds[39]!);
    const reclassified = events.filter((event) => event.type === 'AccountReclassified');
    expect(reclassified).toHaveLength(1);
    expect(reclassified[0]!.data).toMatchObject({
      tier: 'strategic',
      previousTier: null,
      runId: summary.runId,
    });
    expect(reclassified[0]!.data.policyVersion).toBe(summary.policyVersion);
    expect(reclassified[0]!.metadata).toMatchObject({ actor: 'evaluation', correlationId: summary.runId });
    expect((reclassified[0]!.data.reasons as string[]).length).toBeGreaterThan(0);
    // The reasons are the event's data; the metadata's reason names the run and the policy once.
    expect(reclassified[0]!.metadata.reason).toBe(
      `evaluation run ${summary.runId} (policy default ${summary.policyVersion})`,
    );

    const growing = (await historyOf(engine, accountIds[1]!)).filter(
      (e) => e.type === 'LifecycleStageInferred',
    );
    expect(growing.map((event) => event.data)).toEqual([
      expect.objectContaining({ from: 'acquisition', to: 'growth', runId: summary.runId }),
    ]);
    const flat = await historyOf(engine, accountIds[0]!);
    expect(flat.map((event) => event.type)).not.toContain('LifecycleStageInferred');

    const run = await getEvaluationRun(engine.evaluation.deps.db, summary.runId);
    expect(run).toMatchObject({ status: 'done', changed: 40, progress: { done: 40, total: 40 } });
  });

  it('records nothing on a second run over the same facts', async () => {
    const summary = await runEvaluationInProcess(engine.evaluation.deps, {
      policy: DEFAULT_POLICY,
      asOf: UNTIL,
      trigger: 'cli',
    });
    expect(summary).toMatchObject({ accounts: 40, changed: 0, unchanged: 40, failed: 0 });
  });

  it('refuses an as-of date in the future, naming the field, and records no run', async () => {
    const future = new Date(clock().getTime() + 86_400_000);
    const attempt = runEvaluationInProcess(engine.evaluation.deps, {
      policy: DEFAULT_POLICY,
      asOf: future,
      trigger: 'cli',
    });
    await expect(attempt).rejects.toThrow(EvaluationRequestError);
    await expect(attempt).rejects.toMatchObject({ field: 'asOf', rule: 'not_in_future' });
  });
});

/** An in-process run of the default policy as of UNTIL, recorded but not yet planned. */
const recordedRun = async (deps: EvaluationDeps, batchSize: number): Promise<string> =>
  (await createRun(deps, { policy: DEFAULT_POLICY, asOf: UNTIL, trigger: 'cli', batchSize }, 'in_process'))
    .runId;

/** A fresh twelve-account portfolio for each describe block that calls it. */
const freshPortfolio = (label: string) => {
  const temp = tempSqliteFile(label);
  const fixture = { engine: undefined as unknown as Engine, accountIds: [] as string[] };
  beforeAll(async () => {
    fixture.engine = await openTestEngine(temp.file, clock);
    fixture.accountIds = await seedPortfolio(fixture.engine, { accounts: 12, until: UNTIL });
  }, 60_000);
  afterAll(async () => {
    await fixture.engine.close();
    temp.remove();
  });
  /** How many reclassifications of the run each account has. */
  const reclassifiedBy = async (runId: string): Promise<number[]> =>
    Promise.all(
      fixture.accountIds.map(
        async (accountId) =>
          (await historyOf(fixture.engine, accountId)).filter(
            (event) => event.type === 'AccountReclassified' && event.metadata.correlationId === runId,
          ).length,
      ),
    );
  return { temp, fixture, reclassifiedBy };
};

describe('an in-process run whose batch threads cannot start', () => {
  const { temp, fixture } = freshPortfolio('kam-eval-threads');

  it('applies every batch in this thread instead (the threads cannot open their file)', async () => {
    const deps = {
      ...fixture.engine.evaluation.deps,
      // A path below a file: no thread can open it, so none starts.
      batchThreads: { sqliteFile: path.join(temp.file, 'no.db'), count: 2, clockStart: clock },
    };
    const progress: number[] = [];
    const summary = await runEvaluationInProcess(
      deps,
      { policy: DEFAULT_POLICY, asOf: UNTIL, trigger: 'cli', batchSize: 5 },
      { onProgress: ({ done }) => progress.push(done) },
    );
    expect(summary).toMatchObject({ accounts: 12, changed: 12, unchanged: 0, failed: 0 });
    expect(progress).toEqual([0, 5, 10, 12]);
  });
});

describe('an in-process run on batch threads', () => {
  const { temp, fixture, reclassifiedBy } = freshPortfolio('kam-eval-threads-run');

  it('has the threads apply every batch, each change recorded once', async () => {
    const deps = fixture.engine.evaluation.deps;
    const runId = await recordedRun(deps, 5);
    const batches = await planRun(deps, runId);
    const threads = startBatchThreads({ sqliteFile: temp.file, count: 2, clockStart: clock });
    const settled: number[] = [];
    try {
      expect(await threads.apply(runId, batches, (count) => settled.push(count))).toEqual([]);
    } finally {
      await threads.close();
    }
    expect(settled.reduce((sum, count) => sum + count, 0)).toBe(12);
    expect(await getEvaluationRun(deps.db, runId)).toMatchObject({ status: 'done', changed: 12, failed: 0 });
    expect(await reclassifiedBy(runId)).toEqual(fixture.accountIds.map(() => 1));
  }, 120_000);
});

describe('an in-process run whose batch threads warmed the accounts while it was planned', () => {
  const { temp, fixture } = freshPortfolio('kam-eval-threads-warm');

  it('re-reads an account a person wrote to after it was warmed: the fact stays, the change comes after it', async () => {
    const deps = fixture.engine.evaluation.deps;
    const runId = await recordedRun(deps, 5);
    const threads = startBatchThreads({ sqliteFile: temp.file, count: 2, clockStart: clock });
    try {
      threads.warm([...fixture.accountIds].sort());
      expect(await threads.warmed()).toBe(12);
      const person = fixture.accountIds[5]!;
      await handleAccountCommand(
        fixture.engine.store,
        fixture.engine.repository,
        {
          type: 'AssignTeamMember',
          data: { accountId: person, occurredAt: clock().toISOString(), role: 'other', member: 'li.wei' },
          metadata: { now: clock().toISOString() },
        },
        { actor: 'li.wei', correlationId: 'person', causationId: 'person' },
      );
      const batches = await planRun(deps, runId);
      expect(await threads.apply(runId, batches, () => undefined)).toEqual([]);

      const history = await historyOf(fixture.engine, person);
      const assigned = history.findIndex((event) => event.type === 'TeamMemberAssigned');
      const reclassified = history.filter(
        (event) => event.type === 'AccountReclassified' && event.metadata.correlationId === runId,
      );
      expect(assigned).toBeGreaterThan(0);
      expect(reclassified).toHaveLength(1);
      expect(reclassified[0]!.revision).toBeGreaterThan(history[assigned]!.revision);
      expect(await getEvaluationRun(deps.db, runId)).toMatchObject({
        status: 'done',
        changed: 12,
        failed: 0,
      });
    } finally {
      await threads.close();
    }
  }, 120_000);
});

describe('an in-process run on batch threads, its plan stored in parts', () => {
  const { temp, fixture, reclassifiedBy } = freshPortfolio('kam-eval-plan-parts');

  it('has the threads begin on the first batches while the rest is stored, and counts every change once', async () => {
    const deps = {
      ...fixture.engine.evaluation.deps,
      batchThreads: { sqliteFile: temp.file, count: 2, clockStart: clock },
    };
    const progress: { done: number; total: number }[] = [];
    const summary = await runEvaluationInProcess(
      deps,
      { policy: DEFAULT_POLICY, asOf: UNTIL, trigger: 'cli', batchSize: 2 },
      { onProgress: (p) => progress.push(p) },
    );
    expect(summary).toMatchObject({ accounts: 12, changed: 12, unchanged: 0, failed: 0 });
    expect(await reclassifiedBy(summary.runId)).toEqual(fixture.accountIds.map(() => 1));
    expect(progress.at(-1)).toEqual({ done: 12, total: 12 });
    expect(progress.every((p, i) => p.total === 12 && (i === 0 || p.done >= progress[i - 1]!.done))).toBe(
      true,
    );
  }, 120_000);
});

describe.each([
  ['applied', true],
  ['not yet applied', false],
])('a coordinator that stopped between the parts of its plan, the first part %s', (_, appliedFirst) => {
  const { fixture, reclassifiedBy } = freshPortfolio(`kam-eval-plan-parts-stop-${String(appliedFirst)}`);

  it('is retried: the batches stored stay as they are, and only the accounts in none of them are planned again', async () => {
    const deps = fixture.engine.evaluation.deps;
    const runId = await recordedRun(deps, 4);
    const stopped = planRun(deps, runId, {
      early: {
        pick: (all) => all.slice(0, 1),
        stored: () => {
          throw new Error('coordinator stopped');
        },
      },
    });
    await expect(stopped).rejects.toThrow('coordinator stopped');
    expect(await getEvaluationRun(deps.db, runId)).toMatchObject({ status: 'running', accounts: null });
    if (appliedFirst) expect(await processBatch(deps, runId, 0)).toBe(4);

    const batches = await planRun(deps, runId);
    expect(batches).toEqual(appliedFirst ? [1, 2] : [0, 1, 2]);
    for (const batchNo of batches) await processBatch(deps, runId, batchNo);

    const run = await getEvaluationRun(deps.db, runId);
    expect(run).toMatchObject({ status: 'done', accounts: 12, changed: 12, unchanged: 0, failed: 0 });
    expect(await reclassifiedBy(runId)).toEqual(fixture.accountIds.map(() => 1));
  }, 120_000);
});
