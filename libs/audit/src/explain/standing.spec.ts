import type { TierCohort } from '@kam/policies';
import { cutoffChanges, placeScore, standingLines } from './standing.js';

const cohort: TierCohort[] = [
  { tier: 'strategic', topPercent: 5, cumulativePercent: 5, count: 1, cutoffScore: 90 },
  { tier: 'key', topPercent: 15, cumulativePercent: 20, count: 3, cutoffScore: 70.5 },
  { tier: 'standard', topPercent: null, cumulativePercent: null, count: 16, cutoffScore: 10 },
];

describe('standing against the cut-offs', () => {
  it('places a score under a cohort, the rest tier below the last cut-off', () => {
    expect(placeScore(95, cohort)).toBe('strategic');
    expect(placeScore(70.5, cohort)).toBe('key');
    expect(placeScore(70.4, cohort)).toBe('standard');
  });

  it('states where the account tier and the one above began, with revenue when known', () => {
    const edges = new Map([['strategic', { revenue12m: 3_100_000 }]]);
    expect(standingLines('key', 74.3, { revenue12m: 2_800_000 }, cohort, edges)).toEqual([
      'top 5% (strategic, 1 accounts) began at score 90 (12-month revenue 3100000); it was 74.3 (12-month revenue 2800000)',
      'top 20% (key, 3 accounts) began at score 70.5; it was 74.3 (12-month revenue 2800000)',
    ]);
  });

  it('lists the cut-offs that moved between two evaluations', () => {
    const later = cohort.map((tier) => (tier.tier === 'key' ? { ...tier, cutoffScore: 72 } : tier));
    expect(cutoffChanges(cohort, later)).toEqual([{ tier: 'key', before: 70.5, after: 72 }]);
  });
});
