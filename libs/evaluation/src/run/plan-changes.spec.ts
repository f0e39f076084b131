import type { AccountEvaluation, PortfolioEvaluation } from '@kam/policies';
import { intoBatches, planChanges, type CurrentClassification } from './plan-changes.js';

const account = (accountId: string, over: Partial<AccountEvaluation> = {}): AccountEvaluation => ({
  accountId,
  tier: 'key',
  previousTier: 'key',
  score: 70,
  stage: 'growth',
  previousStage: 'growth',
  winBack: false,
  components: { sales: 70 },
  inputs: {},
  reasons: ['sales percentile 70'],
  methods: {},
  ...over,
});

const evaluation = (accounts: AccountEvaluation[]): PortfolioEvaluation => ({
  asOf: '2026-03-31T00:00:00Z',
  policyId: 'default',
  policyVersion: 'sha256:abc',
  primaryMethod: 'composite',
  portfolioSize: accounts.length,
  cohort: [
    { tier: 'strategic', topPercent: 5, cumulativePercent: 5, count: 0, cutoffScore: null },
    { tier: 'key', topPercent: 15, cumulativePercent: 20, count: accounts.length, cutoffScore: 60 },
  ],
  accounts,
});

const now = (over: Partial<CurrentClassification> = {}): CurrentClassification => ({
  tier: 'key',
  score: 70,
  stage: 'growth',
  ...over,
});

describe('planChanges', () => {
  it('keeps an account whose tier, score and stage all stay out of the plan', () => {
    const plan = planChanges(evaluation([account('a')]), new Map([['a', now()]]));
    expect(plan).toMatchObject({ changes: [], unchanged: 1 });
  });

  it('plans an account whose score moved, against where it stands now rather than as of the run', () => {
    const plan = planChanges(
      evaluation([account('a', { score: 71, previousTier: null })]),
      new Map([['a', now()]]),
    );
    expect(plan.changes).toEqual([
      expect.objectContaining({ accountId: 'a', score: 71, previousTier: 'key' }),
    ]);
  });

  it('plans a stage inference only while the account is still in the stage it was inferred from', () => {
    const moved = account('a', { stage: 'maturity' });
    expect(planChanges(evaluation([moved]), new Map([['a', now()]])).changes).toHaveLength(1);
    const setByHand = new Map([['a', now({ stage: 'decline' })]]);
    expect(planChanges(evaluation([moved]), setByHand).changes).toHaveLength(0);
  });

  it('plans a win-back only for an account still churned', () => {
    const wonBack = account('a', { winBack: true, stage: 'acquisition', previousStage: 'churn' });
    expect(
      planChanges(evaluation([wonBack]), new Map([['a', now({ stage: 'churn' })]])).changes,
    ).toHaveLength(1);
  });

  it('plans an account the read models do not know yet, leaving the decider to judge it', () => {
    expect(planChanges(evaluation([account('new')]), new Map()).changes).toHaveLength(1);
  });

  it('counts the evaluated tiers best first, as the policy ranks them', () => {
    const plan = planChanges(evaluation([account('a'), account('b')]), new Map());
    expect(Object.entries(plan.tierCounts)).toEqual([
      ['strategic', 0],
      ['key', 2],
    ]);
  });
});

describe('intoBatches', () => {
  it('splits into batches of the size asked, the last one holding the rest', () => {
    expect(intoBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(intoBatches([], 2)).toEqual([]);
  });
});
