import {
  expectSameHistories,
  recordDemoTwins,
  runKam,
  startEsdbStandIn,
  tempDataDir,
  type DemoSummary,
  type EsdbStandIn,
} from '@kam/test-support';

/**
 * The scale-out profile changes configuration, not behaviour: the same seed recorded into the
 * EventStoreDB protocol stand-in (through the real client) and into SQLite gives the same portfolio.
 */
describe('kam on KAM_EVENT_STORE=eventstoredb', () => {
  let standIn: EsdbStandIn;
  const esdbDataDir = tempDataDir('kam-e2e-esdb');
  const sqliteDataDir = tempDataDir('kam-e2e-esdb-twin');
  let onEsdb: DemoSummary;
  let onSqlite: DemoSummary;
  const esdbEnv = (): NodeJS.ProcessEnv => ({
    KAM_EVENT_STORE: 'eventstoredb',
    EVENTSTORE_CONNECTION_STRING: standIn.connectionString,
  });

  beforeAll(async () => {
    standIn = await startEsdbStandIn();
    ({ onProfile: onEsdb, onSqlite } = await recordDemoTwins(
      { env: esdbEnv(), dataDir: esdbDataDir },
      sqliteDataDir,
    ));
  }, 180_000);

  afterAll(async () => {
    await standIn.stop();
  });

  it('records the same portfolio as SQLite for the same seed', () => {
    expect(onEsdb.events).toBe(onSqlite.events);
    expect(onEsdb.stages).toEqual(onSqlite.stages);
    expect(onEsdb.sampleAccountIds).toEqual(onSqlite.sampleAccountIds);
  });

  it('shows the same account history, event for event', async () => {
    // Two process starts an account: on a busy shared machine one start can take 10-15 s.
    await expectSameHistories(
      onEsdb.sampleAccountIds,
      { env: esdbEnv(), dataDir: esdbDataDir },
      sqliteDataDir,
    );
  }, 180_000);

  it('stops at start-up with a message naming EVENTSTORE_CONNECTION_STRING when it is malformed', async () => {
    const run = await runKam(['history', 'x', '--data-dir', esdbDataDir], {
      env: { KAM_EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://nope' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('EVENTSTORE_CONNECTION_STRING');
  });

  it('says the event store is unreachable, without hanging, when the server is down', async () => {
    const run = await runKam(['history', 'x', '--data-dir', esdbDataDir], {
      env: { KAM_EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false' },
      timeoutMs: 60_000,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/unreachable/i);
  }, 70_000);
});
