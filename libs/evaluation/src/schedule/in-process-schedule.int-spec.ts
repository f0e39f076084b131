import { DEFAULT_POLICY } from '@kam/policies';
import { openTestEngine, seedPortfolio, tempSqliteFile, type Engine } from '../testing/portfolio-fixture.js';
import { waitForRun } from '../queue/wait-for-run.js';
import { createRun } from '../run/create-run.js';
import { planRun } from '../run/plan-run.js';
import { getEvaluationRun } from '../store/get-evaluation-run.js';
import { startInProcessSchedule, type ScheduleHandle } from './evaluation-schedule.js';

const UNTIL = new Date('2026-03-31T12:00:00Z');

describe('the in-process schedule (no Redis)', () => {
  const temp = tempSqliteFile('kam-eval-cron');
  const engines: Engine[] = [];
  const schedules: ScheduleHandle[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i += 1) engines.push(await openTestEngine(temp.file, () => new Date()));
    await seedPortfolio(engines[0]!, { accounts: 12, until: UNTIL });
  }, 60_000);

  afterAll(async () => {
    for (const schedule of schedules) await schedule.stop();
    for (const engine of engines) await engine.close();
    temp.remove();
  });

  it('fires on the cron in this process; two schedulers firing one slot make one run', async () => {
    const db = engines[0]!.evaluation.deps.db;
    const lines: string[] = [];
    for (const engine of engines) {
      const log = (line: string) => lines.push(line);
      schedules.push(
        startInProcessSchedule(engine.evaluation.deps, '*/2 * * * * *', async () => DEFAULT_POLICY, log),
      );
    }
    let rows: { run_id: string }[] = [];
    // Both schedulers must have fired a slot before they stop: under load the second one's timer
    // can come well after the first has recorded the run.
    const deadline = Date.now() + 20_000;
    while (
      rows.length === 0 ||
      (!lines.some((line) => line.includes('already recorded')) && Date.now() < deadline)
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      rows = await db
        .selectFrom('evaluation_runs')
        .select('run_id')
        .where('trigger', '=', 'schedule')
        .execute();
    }
    for (const schedule of schedules) await schedule.stop();
    const all = await db
      .selectFrom('evaluation_runs')
      .select(['run_id', 'created_at'])
      .where('trigger', '=', 'schedule')
      .execute();
    const first = await waitForRun(db, rows[0]!.run_id);
    expect(first).toMatchObject({ status: 'done', mode: 'in_process', accounts: 12, changed: 12 });
    // Each slot fired in both schedulers, yet each slot has one run: the second found it recorded.
    expect(lines.filter((line) => line.endsWith(' started'))).toHaveLength(all.length);
    expect(lines.filter((line) => line.includes('already recorded')).length).toBeGreaterThanOrEqual(1);
  }, 30_000);

  it('drives a run that a stopped process left running to its end when the schedule starts', async () => {
    const deps = engines[1]!.evaluation.deps;
    const request = {
      policy: DEFAULT_POLICY,
      asOf: new Date('2026-02-20T00:00:00Z'),
      trigger: 'cli' as const,
    };
    const { runId } = await createRun(deps, request, 'in_process');
    await planRun(deps, runId);
    expect(await getEvaluationRun(deps.db, runId)).toMatchObject({ status: 'running' });
    const schedule = startInProcessSchedule(
      deps,
      '0 0 1 1 *',
      async () => DEFAULT_POLICY,
      () => {},
    );
    await schedule.stop();
    expect(await getEvaluationRun(deps.db, runId)).toMatchObject({ status: 'done', accounts: 12, failed: 0 });
  }, 30_000);
});
