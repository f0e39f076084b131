import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  expectSameHistories,
  recordDemoTwins,
  runKam,
  startSilentServer,
  tempDataDir,
  type DemoSummary,
  type SilentServer,
} from '@kam/test-support';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const databaseUrlFor = (database: string): string => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};
const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/**
 * The single-server profile changes configuration, not behaviour: the same seed recorded into
 * PostgreSQL (a database of its own, dropped afterwards) and into SQLite gives the same portfolio.
 */
describe('kam on KAM_EVENT_STORE=postgres', () => {
  const database = `kam_e2e_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const pgDataDir = tempDataDir('kam-e2e-pg');
  const sqliteDataDir = tempDataDir('kam-e2e-pg-twin');
  const pgEnv = (): NodeJS.ProcessEnv => ({
    KAM_EVENT_STORE: 'postgres',
    DATABASE_URL: databaseUrlFor(database),
  });
  let onPostgres: DemoSummary;
  let onSqlite: DemoSummary;

  beforeAll(async () => {
    await admin((client) => client.query(`CREATE DATABASE "${database}"`));
    ({ onProfile: onPostgres, onSqlite } = await recordDemoTwins(
      { env: pgEnv(), dataDir: pgDataDir },
      sqliteDataDir,
    ));
  }, 180_000);

  afterAll(async () => {
    await admin((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  });

  it('records the same portfolio as SQLite for the same seed, and the log is in PostgreSQL', async () => {
    expect(onPostgres.events).toBe(onSqlite.events);
    expect(onPostgres.stages).toEqual(onSqlite.stages);
    expect(onPostgres.sampleAccountIds).toEqual(onSqlite.sampleAccountIds);
    const client = new pg.Client({ connectionString: databaseUrlFor(database) });
    await client.connect();
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM kam.events');
    await client.end();
    expect(Number(rows[0]?.count)).toBeGreaterThanOrEqual(onPostgres.events);
  });

  it('shows the same account history, event for event', async () => {
    // Three accounts: each comparison starts two kam processes, seconds each on a busy machine.
    await expectSameHistories(
      onPostgres.sampleAccountIds.slice(0, 3),
      { env: pgEnv(), dataDir: pgDataDir },
      sqliteDataDir,
    );
  }, 180_000);

  it('verifies the hash chain of what PostgreSQL recorded', async () => {
    const run = await runKam(['audit', 'verify', '--data-dir', pgDataDir], { env: pgEnv() });
    expect(run.stderr).not.toMatch(/unexpected failure/);
    expect(run.code).toBe(0);
  }, 60_000);

  it('stops at start-up with a message naming DATABASE_URL when it is missing or malformed', async () => {
    for (const env of [
      { KAM_EVENT_STORE: 'postgres' },
      { KAM_EVENT_STORE: 'postgres', DATABASE_URL: 'http://nope' },
    ]) {
      const run = await runKam(['history', 'x', '--data-dir', pgDataDir], { env });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('DATABASE_URL');
    }
  });

  describe('when the server is not there', () => {
    let silent: SilentServer;
    beforeAll(async () => {
      silent = await startSilentServer();
    });
    afterAll(() => silent.stop());

    it('refused: says the event store is unreachable, naming DATABASE_URL, and exits 1 at once', async () => {
      const started = Date.now();
      const run = await runKam(['history', 'x', '--data-dir', pgDataDir], {
        env: { KAM_EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://postgres:hunter22@127.0.0.1:1/kam' },
        timeoutMs: 80_000,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/unreachable/i);
      expect(run.stderr).toContain('DATABASE_URL');
      expect(run.stderr).toContain('127.0.0.1:1/kam');
      expect(run.stderr).not.toContain('hunter22');
      expect(Date.now() - started).toBeLessThan(45_000);
    }, 90_000);

    it('silent: gives up within the connect deadline instead of hanging', async () => {
      const { port } = silent;
      const started = Date.now();
      const run = await runKam(['history', 'x', '--data-dir', pgDataDir], {
        env: { KAM_EVENT_STORE: 'postgres', DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/kam` },
        timeoutMs: 80_000,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/unreachable.*DATABASE_URL/i);
      expect(Date.now() - started).toBeLessThan(60_000);
    }, 90_000);
  });
});
