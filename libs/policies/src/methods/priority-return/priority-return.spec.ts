import { DEFAULT_POLICY } from '../../default-policy.js';
import { buildPortfolioFacts } from '../../shared/account-facts.js';
import { aMonth, anAccount, anAssessment, aSeller, aSnapshot } from '../../testing/snapshot.fixture.js';
import { prioritise } from './priority-return.method.js';

describe('prioritisation and return (source 003; value 60, potential 40)', () => {
  // Sales percentiles: a 1000 -> 100, b 500 -> 0. c has no sales.
  const results = prioritise(
    buildPortfolioFacts(
      aSnapshot([
        anAccount('a', {
          months: [aMonth('2026-01', 1000, { grossProfit: 300 })],
          lastOrderAt: '2026-01-05T00:00:00Z',
          assessment: anAssessment({ potential: 20 }),
          invested: 150,
        }),
        aSeller('b', 500, { assessment: anAssessment({ potential: 100 }) }),
        anAccount('c', { assessment: anAssessment({ potential: 100 }) }),
      ]),
      DEFAULT_POLICY.sales,
    ),
    DEFAULT_POLICY.priority,
  );

  it('ranks by weighted value and potential, equal scores sharing a rank', () => {
    // a: 100 x 0.6 + 20 x 0.4 = 68; b: 0 x 0.6 + 100 x 0.4 = 40; c: 0 + 40 = 40.
    expect(results.map((r) => r.score)).toEqual([68, 40, 40]);
    expect(results.map((r) => r.rank)).toEqual([1, 2, 2]);
  });

  it('measures the return as 12-month gross profit over what was invested, when known', () => {
    // a: 300 / 150 = 2
    expect(results[0]?.returnOnInvestment).toBe(2);
    expect(results[1]?.returnOnInvestment).toBeNull();
    expect(results[1]?.reasons[1]).toBe('return: no investment recorded');
  });
});
