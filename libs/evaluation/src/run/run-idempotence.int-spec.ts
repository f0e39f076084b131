import {
  AccountRepository,
  deterministicUuid,
  handleAccountCommand,
  type CommandContext,
} from '@kam/application';
import { accountStreamId, type AccountCommand } from '@kam/domain';
import type { EventStore, RecordedEvent } from '@kam/event-store';
import { DEFAULT_POLICY } from '@kam/policies';
import { openTestEngine, seedPortfolio, tempSqliteFile, type Engine } from '../testing/portfolio-fixture.js';
import { createRun } from './create-run.js';
import type { EvaluationDeps } from './evaluation-deps.js';
import { planRun } from './plan-run.js';
import { driveRun } from './run-in-process.js';
import { getEvaluationRun } from '../store/get-evaluation-run.js';

const UNTIL = new Date('2026-03-31T12:00:00Z');
const clock = () => new Date('2026-04-01T08:00:00Z');

const eventsOf = async (store: EventStore, accountId: string): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(accountStreamId(accountId))) events.push(event);
  return events;
};

const personContext = (id: string): CommandContext => ({
  actor: 'li.wei',
  correlationId: id,
  causationId: id,
});

/**
 * The event store as the run sees it, with a person's write slipped in right before the run's first
 * append to one account: the interleaving a busy team produces, made deterministic.
 */
const withPersonWritingFirst = (
  store: EventStore,
  accountId: string,
  write: () => Promise<void>,
): EventStore => {
  let written = false;
  return {
    appendToStream: async (...args) => {
      const [streamId, events] = args;
      if (!written && streamId === accountStreamId(accountId) && events[0]?.metadata.actor === 'evaluation') {
        written = true;
        await write();
      }
      return store.appendToStream(...args);
    },
    readStream: (...args) => store.readStream(...args),
    readAll: (...args) => store.readAll(...args),
    subscribeToAll: (...args) => store.subscribeToAll(...args),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
};

describe('an evaluation run that is retried or meets a person at work', () => {
  const temp = tempSqliteFile('kam-eval-idem');
  let engine: Engine;
  let accountIds: string[];

  beforeAll(async () => {
    engine = await openTestEngine(temp.file, clock);
    accountIds = await seedPortfolio(engine, { accounts: 30, until: UNTIL });
  }, 60_000);

  afterAll(async () => {
    await engine.close();
    temp.remove();
  });

  it('re-reads an account a person changed meanwhile: the tier applies, the person’s stage stands', async () => {
    const target = accountIds[29]!;
    const manual: AccountCommand = {
      type: 'ChangeLifecycleStage',
      data: {
        accountId: target,
        occurredAt: clock().toISOString(),
        to: 'decline',
        override: true,
        reason: 'lost the framework deal',
      },
      metadata: { now: clock().toISOString() },
    };
    const personRepository = new AccountRepository(engine.store);
    const person = () =>
      handleAccountCommand(
        engine.store,
        personRepository,
        manual,
        personContext(deterministicUuid('person')),
      ).then(() => undefined);
    const deps: EvaluationDeps = {
      ...engine.evaluation.deps,
      store: withPersonWritingFirst(engine.store, target, person),
    };
    const { runId } = await createRun(
      deps,
      { policy: DEFAULT_POLICY, asOf: UNTIL, trigger: 'cli' },
      'in_process',
    );
    await driveRun(deps, runId);

    const events = await eventsOf(engine.store, target);
    const types = events.map((event) => event.type);
    expect(types.filter((type) => type === 'LifecycleStageChanged')).toHaveLength(1);
    expect(types.at(-1)).toBe('AccountReclassified');
    expect(events.at(-2)?.metadata.actor).toBe('li.wei');
    expect(types).not.toContain('LifecycleStageInferred');
    expect(await getEvaluationRun(engine.evaluation.deps.db, runId)).toMatchObject({
      status: 'done',
      failed: 0,
    });
  });

  it('records each change once when a run is driven again after losing its outcomes', async () => {
    const deps = engine.evaluation.deps;
    const { runId } = await createRun(
      deps,
      { policy: DEFAULT_POLICY, asOf: new Date('2026-01-20T00:00:00Z'), trigger: 'cli' },
      'in_process',
    );
    await driveRun(deps, runId);
    const first = await getEvaluationRun(deps.db, runId);
    expect(first?.changed).toBeGreaterThan(0);
    // As if the process had died after appending but before recording what it did.
    await deps.db.deleteFrom('evaluation_run_outcomes').where('run_id', '=', runId).execute();
    await deps.db
      .updateTable('evaluation_runs')
      .set({ status: 'running' })
      .where('run_id', '=', runId)
      .execute();
    expect(await planRun(deps, runId)).not.toHaveLength(0);
    await driveRun(deps, runId);

    const again = await getEvaluationRun(deps.db, runId);
    expect(again).toMatchObject({ status: 'done', changed: first?.changed, failed: 0 });
    for (const accountId of accountIds) {
      const ofRun = (await eventsOf(engine.store, accountId)).filter(
        (event) => event.type === 'AccountReclassified' && event.data.runId === runId,
      );
      expect(ofRun.length).toBeLessThanOrEqual(1);
    }
  });
});
