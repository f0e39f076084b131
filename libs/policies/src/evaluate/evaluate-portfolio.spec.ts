import { DEFAULT_POLICY } from '../default-policy.js';
import type { PolicyDocument } from '../document/policy-document.js';
import { policyVersion } from '../document/policy-version.js';
import { AS_OF, aMonth, anAccount, anAssessment, aSeller, aSnapshot } from '../testing/snapshot.fixture.js';
import { evaluatePortfolio } from './evaluate-portfolio.js';

// Ten sellers s01..s10 with revenue 100..1000 (percentiles 0, 11.11, ..., 100), no assessments:
// composite = percentile x 0.4. Top 5% = ceil(0.5) = 1 place, key to ceil(2) = 2, growth to ceil(5) = 5.
const sellers = Array.from({ length: 10 }, (_, i) =>
  aSeller(`s${String(i + 1).padStart(2, '0')}`, (i + 1) * 100),
);

describe('evaluatePortfolio', () => {
  const evaluation = evaluatePortfolio(aSnapshot([...sellers].reverse()), DEFAULT_POLICY);
  const tierOf = (id: string) => evaluation.accounts.find((a) => a.accountId === id)?.tier;

  it('tiers by the composite score and reports where each tier began', () => {
    expect(evaluation.accounts.map((a) => a.accountId)).toEqual(sellers.map((s) => s.accountId));
    expect([tierOf('s10'), tierOf('s09'), tierOf('s08'), tierOf('s06'), tierOf('s05')]).toEqual([
      'strategic',
      'key',
      'growth',
      'growth',
      'standard',
    ]);
    // s10: 100 x 0.4 = 40; s09: 88.89 x 0.4 = 35.56; s06: 55.56 x 0.4 = 22.22; s01: 0
    expect(evaluation.cohort.map((c) => [c.tier, c.count, c.cutoffScore])).toEqual([
      ['strategic', 1, 40],
      ['key', 1, 35.56],
      ['growth', 3, 22.22],
      ['standard', 5, 0],
    ]);
    expect(evaluation.portfolioSize).toBe(10);
    expect(evaluation.policyVersion).toBe(policyVersion(DEFAULT_POLICY));
  });

  it('carries every method the policy runs for each account', () => {
    const top = evaluation.accounts.at(-1);
    expect(top?.methods.abc?.class).toBe('A');
    expect(top?.methods.volumeProfit?.class).toBe('high_volume_good_profit');
    expect(top?.methods.stars?.stars).toBe(2);
    expect(top?.methods.paymentRisk?.grade).toBe('unknown');
    expect(top?.methods.priority?.rank).toBe(1);
    expect(top?.reasons.at(-1)).toBe(
      'tier strategic: score 40.00 ranks 1 of 10, within the top 5%; strategic began at score 40.00',
    );
  });

  it('gives the same result whatever order the snapshot lists the accounts in', () => {
    const shuffled = [
      sellers[3],
      sellers[7],
      sellers[0],
      ...sellers.slice(8),
      sellers[1],
      sellers[2],
      ...sellers.slice(4, 7),
    ];
    expect(shuffled).toHaveLength(10);
    expect(evaluatePortfolio(aSnapshot(shuffled.flatMap((s) => (s ? [s] : []))), DEFAULT_POLICY)).toEqual(
      evaluation,
    );
  });

  it('evaluates an empty portfolio to no accounts and empty tiers', () => {
    const empty = evaluatePortfolio(aSnapshot([]), DEFAULT_POLICY);
    expect(empty.accounts).toEqual([]);
    expect(empty.cohort.map((c) => c.count)).toEqual([0, 0, 0, 0]);
  });

  it('evaluates a single account and an account with no orders', () => {
    const { accounts } = evaluatePortfolio(
      aSnapshot([aSeller('only', 500), anAccount('new', { assessment: anAssessment({ potential: 50 }) })]),
      DEFAULT_POLICY,
    );
    // new: cold start; fit = industry 100 x 0.4 + region 100 x 0.2 = 60; sales 60 x 0.5 = 30 -> 12;
    // potential 50 x 0.2 = 10; score 22. only: percentile 100 (the lone seller) x 0.4 = 40.
    // n = 2: strategic takes rank 1; key and growth end at ceil(0.4) = ceil(1) = 1, so rank 2 is standard.
    expect(accounts.map((a) => [a.accountId, a.score, a.tier, a.stage])).toEqual([
      ['new', 22, 'standard', 'acquisition'],
      ['only', 40, 'strategic', 'growth'],
    ]);
    expect(accounts[0]?.methods.composite?.coldStart).toBe(true);
    expect(accounts[0]?.methods.abc?.class).toBe('C');
  });

  it('reports the inferred stage and a win-back for the evaluator to record', () => {
    const churned = anAccount('c', {
      stage: 'churn',
      stageChangedAt: '2025-10-01T00:00:00Z',
      stageBasis: 'inferred',
      months: [aMonth('2026-03', 50)],
      lastOrderAt: '2026-03-02T00:00:00Z',
    });
    const [result] = evaluatePortfolio(aSnapshot([churned]), DEFAULT_POLICY).accounts;
    expect([result?.previousStage, result?.stage, result?.winBack]).toEqual(['churn', 'acquisition', true]);
  });

  it('takes the tier from the primary method the policy chooses, and runs only its methods', () => {
    const starsFirst: PolicyDocument = {
      ...DEFAULT_POLICY,
      primaryMethod: 'stars',
      methods: ['stars', 'lifecycle'],
    };
    const result = evaluatePortfolio(aSnapshot(sellers), starsFirst);
    expect(result.accounts.at(-1)?.tier).toBe('2_stars');
    expect(Object.keys(result.accounts.at(-1)?.methods ?? {})).toEqual(['stars', 'lifecycle']);
    expect(result.cohort.map((c) => [c.tier, c.count])).toEqual([
      ['4_stars', 0],
      ['3_stars', 0],
      ['2_stars', 8], // percentile >= 20: s03 (22.22) .. s10
      ['1_star', 2],
    ]);
  });

  it("builds only the recorded reasons (tier and stage) when asked for 'recorded'", () => {
    const recorded = evaluatePortfolio(aSnapshot(sellers), DEFAULT_POLICY, { reasons: 'recorded' });
    const top = recorded.accounts.at(-1);
    expect(top?.reasons).toEqual(evaluation.accounts.at(-1)?.reasons);
    expect(top?.methods.lifecycle?.reasons).toEqual([
      'revenue rose by more than 5.0% last quarter (2025-Q3 0.00, 2025-Q4 0.00, 2026-Q1 1000.00) -> growth',
      'stage acquisition -> growth',
    ]);
    expect(top?.methods.stars?.reasons).toEqual([]);
    expect(top?.methods.stars?.stars).toBe(evaluation.accounts.at(-1)?.methods.stars?.stars);
  });

  it("runs only the primary method and lifecycle inference when asked for 'recorded' methods", () => {
    const churned = anAccount('churned', { stage: 'churn', months: [aMonth('2025-11', 500)] });
    const snapshot = aSnapshot([...sellers, churned]);
    const full = evaluatePortfolio(snapshot, DEFAULT_POLICY, { reasons: 'recorded' });
    const run = evaluatePortfolio(snapshot, DEFAULT_POLICY, { reasons: 'recorded', methods: 'recorded' });
    expect(run.cohort).toEqual(full.cohort);
    expect(run.accounts.map((account) => Object.keys(account.methods))).toEqual(
      run.accounts.map(() => ['composite', 'lifecycle']),
    );
    const { methods: _fullMethods, ...fullRest } = full.accounts.at(-1)!;
    const { methods, ...rest } = run.accounts.at(-1)!;
    expect(rest).toEqual(fullRest);
    expect(methods.lifecycle).toEqual(full.accounts.at(-1)?.methods.lifecycle);
    expect(run.accounts.map((a) => [a.tier, a.score, a.stage, a.winBack, a.reasons])).toEqual(
      full.accounts.map((a) => [a.tier, a.score, a.stage, a.winBack, a.reasons]),
    );
  });

  it('refuses an as-of date that is not a date, naming it', () => {
    expect(() => evaluatePortfolio(aSnapshot(sellers, 'yesterday'), DEFAULT_POLICY)).toThrow(
      "asOf 'yesterday' is not an ISO-8601 date-time",
    );
    expect(AS_OF).toBe('2026-03-31T23:59:59Z');
  });

  it('refuses a snapshot that lists an account twice', () => {
    expect(() => evaluatePortfolio(aSnapshot([aSeller('a', 1), aSeller('a', 2)]), DEFAULT_POLICY)).toThrow(
      'account a appears twice in the snapshot',
    );
  });
});
