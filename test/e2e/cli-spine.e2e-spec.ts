import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runKam, tempDataDir } from '@kam/test-support';

type DemoJson = {
  accounts: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  stages: Record<string, number>;
  sampleAccountIds: string[];
};

type HistoryJson = {
  revision: number;
  position: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  data: Record<string, unknown>;
  metadata: { actor: string; reason: string | null; correlationId: string; causationId: string };
}[];

describe('kam demo and kam history, as a user runs them', () => {
  const dataDir = tempDataDir('kam-e2e-demo');
  let demo: DemoJson;

  beforeAll(async () => {
    const run = await runKam([
      'demo',
      '--accounts',
      '40',
      '--years',
      '2',
      '--seed',
      '7',
      '--until',
      '2026-01-01',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(run.stderr).not.toMatch(/unexpected failure/);
    expect(run.code).toBe(0);
    demo = JSON.parse(run.stdout) as DemoJson;
  }, 120_000);

  it('records the portfolio into <data-dir>/kam.db and summarises it', () => {
    expect(existsSync(path.join(dataDir, 'kam.db'))).toBe(true);
    expect(demo.accounts).toBe(40);
    expect(demo.events).toBeGreaterThan(40 * 10);
    expect(demo.eventsPerSecond).toBeGreaterThan(0);
    expect(Object.values(demo.stages).reduce((a, b) => a + b, 0)).toBe(40);
    expect(demo.sampleAccountIds).toHaveLength(3);
  });

  it('prints one account history in order with positions, times, actors and reasons', async () => {
    const accountId = demo.sampleAccountIds[0]!;
    const run = await runKam(['history', accountId, '--json', '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    const items = JSON.parse(run.stdout) as HistoryJson;
    expect(items[0]?.type).toBe('AccountRegistered');
    expect(items.map((i) => i.revision)).toEqual(items.map((_, index) => index));
    const positions = items.map((i) => BigInt(i.position));
    expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true);
    expect(items.some((i) => i.type === 'OrderRecorded')).toBe(true);
    for (const item of items) {
      expect(item.metadata.actor).toEqual(expect.any(String));
      expect(item.metadata.correlationId).toEqual(expect.any(String));
      expect(Date.parse(item.recordedAt)).not.toBeNaN();
    }
    const human = await runKam(['history', accountId, '--data-dir', dataDir]);
    expect(human.stdout).toContain('AccountRegistered');
    expect(human.stdout).toMatch(/rev\s+position\s+occurred\s+recorded\s+type\s+actor\s+reason/);
  });

  it('is deterministic for a seed: the same seed gives the same events', async () => {
    const other = tempDataDir('kam-e2e-demo-again');
    const run = await runKam([
      'demo',
      '--accounts',
      '40',
      '--years',
      '2',
      '--seed',
      '7',
      '--until',
      '2026-01-01',
      '--json',
      '--data-dir',
      other,
    ]);
    const again = JSON.parse(run.stdout) as DemoJson;
    expect(again.events).toBe(demo.events);
    expect(again.stages).toEqual(demo.stages);
    const accountId = demo.sampleAccountIds[1]!;
    const first = JSON.parse(
      (await runKam(['history', accountId, '--json', '--data-dir', dataDir])).stdout,
    ) as HistoryJson;
    const second = JSON.parse(
      (await runKam(['history', accountId, '--json', '--data-dir', other])).stdout,
    ) as HistoryJson;
    expect(second.map((i) => [i.type, i.data])).toEqual(first.map((i) => [i.type, i.data]));
  }, 120_000);

  it('refuses to record a second demo over the first unless asked to replace it', async () => {
    const run = await runKam(['demo', '--accounts', '5', '--years', '1', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already holds a portfolio.*--fresh/);
  });

  it('says so when an account does not exist', async () => {
    const run = await runKam(['history', 'no-such-account', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no account with id no-such-account');
  });
});

describe('kam usage errors', () => {
  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['demo', '--acounts', '5'], /unknown option '--acounts'/],
    [['demo', '--accounts', 'many'], /--accounts <n>.*must be a whole number/],
    [['history'], /missing required argument 'accountId'/],
  ])('kam %j exits 2 with one line naming the problem', async (args, message) => {
    const run = await runKam(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('prints help for each command', async () => {
    const run = await runKam(['demo', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--accounts <n>');
  });
});

describe('kam on a data directory it cannot use', () => {
  it('refuses a foreign SQLite file and leaves it untouched', async () => {
    const dir = tempDataDir('kam-e2e-foreign');
    const file = path.join(dir, 'kam.db');
    const Database = (await import('better-sqlite3')).default;
    const foreign = new Database(file);
    foreign.exec("CREATE TABLE invoices (id TEXT); INSERT INTO invoices VALUES ('mine');");
    foreign.close();
    const before = readFileSync(file);
    const run = await runKam(['history', 'x', '--data-dir', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not a kam-ledger/i);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database at all', async () => {
    const dir = tempDataDir('kam-e2e-corrupt');
    writeFileSync(path.join(dir, 'kam.db'), 'this is not a database, it is a shopping list');
    const run = await runKam(['history', 'x', '--data-dir', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/kam\.db/);
  });

  it('reports a data directory that cannot be written', async () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere; a path under a regular file can never be created, by anyone
      const dir = tempDataDir('kam-e2e-file');
      writeFileSync(path.join(dir, 'plain-file'), '');
      const run = await runKam([
        'demo',
        '--accounts',
        '1',
        '--years',
        '1',
        '--data-dir',
        path.join(dir, 'plain-file', 'data'),
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/cannot be written|cannot create/i);
      return;
    }
    const dir = tempDataDir('kam-e2e-readonly');
    chmodSync(dir, 0o500);
    const run = await runKam([
      'demo',
      '--accounts',
      '1',
      '--years',
      '1',
      '--data-dir',
      path.join(dir, 'data'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot be written|cannot create/i);
  });
});
