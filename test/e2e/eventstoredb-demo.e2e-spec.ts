import { runKam, startEsdbStandIn, tempDataDir, type EsdbStandIn } from '@kam/test-support';

type DemoJson = {
  accounts: number;
  events: number;
  stages: Record<string, number>;
  sampleAccountIds: string[];
};
type HistoryItem = {
  revision: number;
  type: string;
  data: unknown;
  metadata: { actor: string; reason: string | null };
};

const demoArgs = [
  'demo',
  '--accounts',
  '25',
  '--years',
  '2',
  '--seed',
  '11',
  '--until',
  '2026-01-01',
  '--json',
];

/**
 * The scale-out profile changes configuration, not behaviour: the same seed recorded into the
 * EventStoreDB protocol stand-in (through the real client) and into SQLite gives the same portfolio.
 */
describe('kam on KAM_EVENT_STORE=eventstoredb', () => {
  let standIn: EsdbStandIn;
  const esdbDataDir = tempDataDir('kam-e2e-esdb');
  const sqliteDataDir = tempDataDir('kam-e2e-esdb-twin');
  let onEsdb: DemoJson;
  let onSqlite: DemoJson;
  const esdbEnv = (): NodeJS.ProcessEnv => ({
    KAM_EVENT_STORE: 'eventstoredb',
    EVENTSTORE_CONNECTION_STRING: standIn.connectionString,
  });

  beforeAll(async () => {
    standIn = await startEsdbStandIn();
    const [esdbRun, sqliteRun] = [
      await runKam([...demoArgs, '--data-dir', esdbDataDir], { env: esdbEnv() }),
      await runKam([...demoArgs, '--data-dir', sqliteDataDir]),
    ];
    expect(esdbRun.stderr).not.toMatch(/unexpected failure/);
    expect(esdbRun.code).toBe(0);
    expect(sqliteRun.code).toBe(0);
    onEsdb = JSON.parse(esdbRun.stdout) as DemoJson;
    onSqlite = JSON.parse(sqliteRun.stdout) as DemoJson;
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
    for (const accountId of onEsdb.sampleAccountIds) {
      const esdb = await runKam(['history', accountId, '--json', '--data-dir', esdbDataDir], {
        env: esdbEnv(),
      });
      const sqlite = await runKam(['history', accountId, '--json', '--data-dir', sqliteDataDir]);
      expect(esdb.code).toBe(0);
      const strip = (items: HistoryItem[]) =>
        items.map((i) => [i.revision, i.type, i.data, i.metadata.actor, i.metadata.reason]);
      expect(strip(JSON.parse(esdb.stdout) as HistoryItem[])).toEqual(
        strip(JSON.parse(sqlite.stdout) as HistoryItem[]),
      );
    }
    // Six process starts: on a busy shared machine one start can take 10-15 s.
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
