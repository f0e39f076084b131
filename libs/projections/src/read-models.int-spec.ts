import {
  classificationHistory,
  getAccount,
  lifecycleHistory,
  listAccounts,
  loadPortfolioSnapshot,
  portfolio,
  projectionStatus,
  runProjections,
} from './index.js';
import { openFixture, type Fixture } from './testing/int-fixture.js';
import { appendScript, AS_OF } from './testing/scripted-portfolio.js';

describe('read models over a scripted portfolio in a real SQLite store', () => {
  let fixture: Fixture;
  let head: bigint;

  beforeAll(async () => {
    fixture = await openFixture('read-models');
    head = await appendScript(fixture.store);
    const result = await runProjections({ readModels: fixture.readModels, store: fixture.store });
    expect(result.position).toBe(head);
  });
  afterAll(() => fixture.close());

  it('lists accounts with trailing-twelve-month revenue and margin as of the date asked, largest first', async () => {
    const { items, nextCursor } = await listAccounts(fixture.readModels.db, {
      sort: 'revenue12m',
      asOf: AS_OF,
    });
    expect(nextCursor).toBeNull();
    expect(items).toEqual([
      {
        accountId: 'acc-a',
        name: 'Acme Tooling',
        stage: 'growth',
        tier: 'strategic',
        score: 95,
        revenue12m: 7000,
        grossMargin12m: 900 / 7000,
        paymentMode: 'open_credit',
        paymentRisk: 'unsafe_uncontrollable',
        owner: 'li',
        revision: 11,
      },
      expect.objectContaining({
        accountId: 'acc-b',
        tier: 'growth',
        revenue12m: 3000,
        grossMargin12m: 0.1,
        owner: null,
        revision: 3,
      }),
      expect.objectContaining({
        accountId: 'acc-c',
        tier: null,
        revenue12m: 0,
        grossMargin12m: null,
        revision: 0,
      }),
    ]);
  });

  it('filters by tier and stage, and pages with a cursor without repeating or skipping', async () => {
    const { db } = fixture.readModels;
    expect((await listAccounts(db, { tier: 'strategic' })).items.map((item) => item.accountId)).toEqual([
      'acc-a',
    ]);
    expect((await listAccounts(db, { stage: 'acquisition' })).items.map((item) => item.accountId)).toEqual([
      'acc-b',
      'acc-c',
    ]);
    for (const sort of ['name', 'revenue12m', 'score'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listAccounts(db, {
          sort,
          limit: 1,
          asOf: AS_OF,
          ...(cursor === undefined ? {} : { cursor }),
        });
        seen.push(...page.items.map((item) => item.accountId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      expect([sort, ...seen]).toEqual([sort, 'acc-a', 'acc-b', 'acc-c']);
    }
  });

  it('shows one account with overdue receivables and days late computed for the date asked', async () => {
    const { db } = fixture.readModels;
    expect(await getAccount(db, 'acc-a', { asOf: AS_OF })).toMatchObject({
      revenue12m: 7000,
      grossProfit12m: 900,
      orders12m: 2,
      poorQualityRevenue12m: 5000,
      overdueReceivables: 0,
      averageDaysLate: 10,
      lastOrderAt: '2026-06-01T00:00:00.000Z',
      team: { owner: ['li'] },
      creditDays: 60,
      stageBasis: 'manual',
      position: expect.any(String),
    });
    expect(await getAccount(db, 'acc-a', { asOf: '2026-04-20T00:00:00Z' })).toMatchObject({
      overdueReceivables: 5000,
    });
    expect(await getAccount(db, 'acc-b', { asOf: AS_OF })).toMatchObject({
      overdueReceivables: 3000,
      averageDaysLate: null,
    });
    expect(await getAccount(db, 'acc-nope')).toBeNull();
  });

  it('sums the portfolio: counts per tier and stage, revenue share per tier, and the ABC split', async () => {
    expect(await portfolio(fixture.readModels.db, { asOf: AS_OF })).toEqual({
      asOf: AS_OF,
      accounts: 3,
      revenue12m: 10_000,
      tiers: {
        strategic: { count: 1, revenueShare: 0.7 },
        growth: { count: 1, revenueShare: 0.3 },
        unclassified: { count: 1, revenueShare: 0 },
      },
      stages: { acquisition: 2, growth: 1, maturity: 0, decline: 0, churn: 0 },
      pareto: expect.objectContaining({ a: 2, b: 0, c: 1 }),
    });
  });

  it('keeps every reclassification and stage change of an account, in order, with its basis', async () => {
    const { db } = fixture.readModels;
    expect(await classificationHistory(db, 'acc-a')).toEqual([
      expect.objectContaining({
        fromTier: null,
        toTier: 'key',
        reasons: ['key by sales'],
        policyVersion: 'v1',
        runId: 'run-2026-03-31',
      }),
      expect.objectContaining({ fromTier: 'key', toTier: 'strategic', score: 95 }),
    ]);
    expect((await lifecycleHistory(db, 'acc-a')).map(({ basis, toStage }) => [basis, toStage])).toEqual([
      ['registration', 'acquisition'],
      ['manual', 'growth'],
    ]);
  });

  it('builds the policies snapshot as of a past date: later accounts, months, tiers and payments left out', async () => {
    const snapshot = await loadPortfolioSnapshot(fixture.readModels.db, '2026-04-20T00:00:00Z');
    expect(snapshot.accounts.map((account) => account.accountId)).toEqual(['acc-a', 'acc-b']);
    const [a, b] = snapshot.accounts;
    expect(a).toMatchObject({
      tier: 'key',
      stage: 'growth',
      stageBasis: 'manual',
      paymentMode: 'open_credit',
      creditDays: 60,
      lastOrderAt: '2026-03-15T00:00:00.000Z',
      overdueReceivables: 5000,
    });
    expect(a?.months.map((month) => [month.month, month.revenue, month.paymentsLate])).toEqual([
      ['2025-05', 1000, 0],
      ['2026-03', 5000, 0],
      ['2026-04', 0, 1],
    ]);
    expect(b).toMatchObject({ tier: 'growth', overdueReceivables: 3000, stageBasis: 'registration' });
    const now = await loadPortfolioSnapshot(fixture.readModels.db, AS_OF);
    expect(now.accounts.map((account) => [account.accountId, account.tier])).toEqual([
      ['acc-a', 'strategic'],
      ['acc-b', 'growth'],
      ['acc-c', null],
    ]);
  });

  it('reports each projection caught up with the head of the log', async () => {
    const status = await projectionStatus(fixture.readModels.db, fixture.store);
    expect(status.map((entry) => entry.name)).toEqual([
      'account_summary',
      'account_metrics_monthly',
      'receivables',
      'classification_history',
      'lifecycle_history',
    ]);
    for (const entry of status)
      expect(entry).toMatchObject({ checkpoint: String(head), head: String(head), lag: 0, lagExact: true });
  });
});
