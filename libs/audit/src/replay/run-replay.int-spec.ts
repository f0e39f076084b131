import { DEFAULT_POLICY, type PolicyDocument } from '@kam/policies';
import { recordSimulatedPortfolio } from '../testing/simulated-portfolio.js';
import { openTestLedger, type TestLedger } from '../testing/test-ledger.js';
import { runReplay } from './run-replay.js';

/** Sales alone decides the tier: a policy that must disagree with the default somewhere. */
const salesOnly: PolicyDocument = {
  ...DEFAULT_POLICY,
  id: 'sales-only',
  composite: {
    ...DEFAULT_POLICY.composite,
    weights: { sales: 100, potential: 0, demonstration: 0, winnability: 0 },
  },
};

describe('runReplay over a portfolio evaluated at every quarter close', () => {
  let ledger: TestLedger;
  let closes: string[];

  beforeAll(async () => {
    ledger = await openTestLedger('kam-replay');
    closes = await recordSimulatedPortfolio(ledger, { accounts: 30, months: 24, startYear: 2023 });
  }, 120_000);
  afterAll(() => ledger.close());

  const replay = (policy: PolicyDocument) =>
    runReplay(ledger.store, {
      policy,
      policySource: policy.id,
      from: '2023-01-01',
      to: '2024-12-31',
      every: 'quarter',
    });

  it('reproduces every recorded run exactly when replaying the policy that was active', async () => {
    const head = await ledger.store.headPosition();
    const report = await replay(DEFAULT_POLICY);
    expect(report.dates).toEqual(closes);
    expect(report.perDate.map((date) => date.recordedRun?.policyId)).toEqual(closes.map(() => 'default'));
    expect(report.perDate.every((date) => date.accounts > 0)).toBe(true);
    expect(report.perDate.flatMap((date) => date.changes)).toEqual([]);
    expect(report.differences).toBe(0);
    await expect(ledger.store.headPosition()).resolves.toBe(head);
  });

  it('finds the accounts a different policy would have tiered otherwise, with a migration matrix', async () => {
    const report = await replay(salesOnly);
    expect(report.differences).toBeGreaterThan(0);
    const date = report.perDate.find((entry) => entry.differences > 0)!;
    const moved = Object.entries(date.matrix).flatMap(([from, row]) =>
      Object.entries(row)
        .filter(([to]) => to !== from)
        .map(([, n]) => n),
    );
    expect(moved.reduce((a, b) => a + b, 0)).toBe(date.differences);
    expect(date.changes[0]).toMatchObject({ replayedTier: expect.any(String) as string });
    expect(report.aftermath.topTiers).toEqual(['strategic', 'key']);
    expect(report.aftermath.datesJudged.length).toBeGreaterThan(0);
  });
});
