import { DEFAULT_POLICY, type PolicyDocument } from '@kam/policies';
import { recordSimulatedPortfolio } from '../testing/simulated-portfolio.js';
import { openTestLedger, type TestLedger } from '../testing/test-ledger.js';
import { accountStreamId } from '@kam/domain';
import { ReplayRequestError } from './replay.errors.js';
import { runReplay, type ReplayRequest } from './run-replay.js';

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

  const span = {
    policy: DEFAULT_POLICY,
    policySource: 'default',
    from: '2023-01-01',
    to: '2024-12-31',
    every: 'quarter',
  } as const;

  const eventsOf = async (accountId: string, type: string) => {
    const ids: string[] = [];
    for await (const event of ledger.store.readStream(accountStreamId(accountId)))
      if (event.type === type) ids.push(event.id);
    return ids;
  };

  /** The last account the default policy recorded in this tier at a quarter close. */
  const lastAccountTiered = async (tier: string): Promise<string> => {
    let found: string | undefined;
    for await (const event of ledger.store.readAll()) {
      if (event.type === 'AccountReclassified' && event.data.tier === tier)
        found = String(event.data.accountId);
    }
    return found!;
  };

  it('answers a counterfactual for one account: without its orders it would have been tiered lower', async () => {
    const accountId = await lastAccountTiered('strategic');
    const report = await runReplay(ledger.store, {
      ...span,
      accountId,
      counterfactual: { exclude: await eventsOf(accountId, 'OrderRecorded'), alter: {} },
    });
    const own = report.perDate.flatMap((date) => date.changes);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((change) => change.accountId === accountId)).toBe(true);
    expect(own.some((change) => change.recordedTier === 'strategic')).toBe(true);
    expect(own.every((change) => (change.recordedScore ?? 0) > change.replayedScore)).toBe(true);
    expect(report.counterfactual).toMatchObject({ accountId });
  });

  it('alters an event with a JSON merge patch: one order of nine million lifts the account', async () => {
    const accountId = 'sim-003';
    const [firstOrder] = await eventsOf(accountId, 'OrderRecorded');
    const report = await runReplay(ledger.store, {
      ...span,
      accountId,
      counterfactual: { exclude: [], alter: { [firstOrder!]: { amount: { amount: '9000000.00' } } } },
    });
    expect(report.counterfactual?.altered).toEqual([firstOrder]);
    const lifted = report.perDate.flatMap((date) => date.changes);
    expect(lifted.length).toBeGreaterThan(0);
    expect(lifted.every((change) => change.replayedScore > (change.recordedScore ?? 0))).toBe(true);
  });

  it.each<[string, Partial<ReplayRequest>, RegExp]>([
    ['--from after --to', { from: '2024-12-31', to: '2023-01-01' }, /after --to/],
    ['an unknown account', { accountId: 'nobody' }, /no account with id nobody/],
    [
      'a counterfactual without an account',
      { counterfactual: { exclude: ['x'], alter: {} } },
      /needs --account/,
    ],
    [
      'an event of another account',
      { accountId: 'sim-001', counterfactual: { exclude: ['not-an-event'], alter: {} } },
      /no event not-an-event in account sim-001/,
    ],
  ])('refuses %s before reading the log', async (_, change, message) => {
    let walked = false;
    const request = { ...span, ...change, onProgress: () => (walked = true) };
    const replaying = runReplay(ledger.store, request);
    await expect(replaying).rejects.toBeInstanceOf(ReplayRequestError);
    await expect(replaying).rejects.toThrow(message);
    expect(walked).toBe(false);
  });
});
