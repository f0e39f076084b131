import { runKam, tempDataDir } from '@kam/test-support';

type Row = Record<string, unknown>;
const LIST_KEYS = [
  'accountId',
  'name',
  'stage',
  'tier',
  'score',
  'revenue12m',
  'grossMargin12m',
  'paymentMode',
  'paymentRisk',
  'owner',
  'revision',
];

describe('kam accounts, portfolio and projections over a demo portfolio', () => {
  const dataDir = tempDataDir('kam-e2e-read');
  const kam = async (...args: string[]) => {
    const run = await runKam([...args, '--data-dir', dataDir]);
    return { ...run, json: () => JSON.parse(run.stdout) as unknown };
  };

  beforeAll(async () => {
    const demo = await runKam([
      'demo',
      '--accounts',
      '60',
      '--years',
      '2',
      '--seed',
      '3',
      '--until',
      '2026-01-01',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(demo.code).toBe(0);
  }, 180_000);

  it('lists accounts with the documented keys, filtered by tier and limited', async () => {
    const all = (await kam('accounts', 'list', '--limit', '1000', '--json')).json() as Row[];
    expect(all).toHaveLength(60);
    expect(Object.keys(all[0]!).sort()).toEqual([...LIST_KEYS].sort());
    const strategic = (await kam('accounts', 'list', '--tier', 'strategic', '--json')).json() as Row[];
    expect(strategic.length).toBeGreaterThan(0);
    expect(strategic.every((row) => row.tier === 'strategic')).toBe(true);
    expect(((await kam('accounts', 'list', '--limit', '7', '--json')).json() as Row[]).length).toBe(7);
  });

  it('shows one account with the revision it includes, matching its history', async () => {
    const [first] = (await kam('accounts', 'list', '--limit', '1', '--json')).json() as Row[];
    const accountId = String(first!.accountId);
    const shown = (await kam('accounts', 'show', accountId, '--json')).json() as Row;
    const history = (await kam('history', accountId, '--json')).json() as Row[];
    expect(shown.accountId).toBe(accountId);
    expect(shown.revision).toBe(history.length - 1);
  });

  it('sums the portfolio: tiers with revenue shares adding to one, stages adding to the account count', async () => {
    // As of the demo's end: the twelve months before today hold none of its orders once a year has passed.
    const view = (await kam('portfolio', '--as-of', '2026-01-01', '--json')).json() as {
      asOf: string;
      revenue12m: number;
      accounts: number;
      tiers: Record<string, { count: number; revenueShare: number }>;
      stages: Record<string, number>;
      pareto: { a: number; b: number; c: number };
    };
    expect(view.asOf).toBe('2026-01-01');
    expect(view.revenue12m).toBeGreaterThan(0);
    expect(view.accounts).toBe(60);
    const tiers = Object.values(view.tiers);
    expect(tiers.reduce((sum, t) => sum + t.count, 0)).toBe(60);
    expect(tiers.reduce((sum, t) => sum + t.revenueShare, 0)).toBeCloseTo(1, 6);
    expect(Object.values(view.stages).reduce((a, b) => a + b, 0)).toBe(60);
    expect(view.pareto.a + view.pareto.b + view.pareto.c).toBe(60);
  });

  it('refuses a portfolio --as-of that is not a date, naming the flag', async () => {
    const run = await kam('portfolio', '--as-of', 'last-year');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--as-of');
  });

  it('reports projections caught up after the demo, and rebuilds them to the same answers', async () => {
    const status = (await kam('projections', 'status', '--json')).json() as {
      name: string;
      checkpoint: string;
      head: string;
      lag: number;
    }[];
    expect(status.length).toBeGreaterThanOrEqual(4);
    for (const row of status) {
      expect(row.lag).toBe(0);
      expect(row.checkpoint).toBe(row.head);
    }
    const before = (await kam('accounts', 'list', '--limit', '1000', '--sort', 'score', '--json')).stdout;
    const rebuilt = await kam('projections', 'rebuild', '--all', '--json');
    expect(rebuilt.code).toBe(0);
    const figures = rebuilt.json() as { events: number; seconds: number; eventsPerSecond: number };
    expect(figures.events).toBe(Number(status[0]!.head));
    expect(figures.eventsPerSecond).toBeGreaterThan(0);
    expect((await kam('accounts', 'list', '--limit', '1000', '--sort', 'score', '--json')).stdout).toBe(
      before,
    );
  }, 60_000);

  it('names the known projections when asked for an unknown one', async () => {
    const run = await kam('projections', 'rebuild', 'account_sumary');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Unknown projection account_sumary');
    expect(run.stderr).toContain('account_summary');
  });

  it('refuses a rebuild with neither a name nor --all, naming what to pass', async () => {
    const run = await kam('projections', 'rebuild');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--all/);
  });
});
