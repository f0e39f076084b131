import { DEFAULT_POLICY } from '../../default-policy.js';
import { buildPortfolioFacts } from '../../shared/account-facts.js';
import { aMonth, anAccount, anAssessment, aSeller, aSnapshot } from '../../testing/snapshot.fixture.js';
import { rateStars } from './star-rating.method.js';

// Default levels: 4 stars: sales percentile >= 80, sound, acumen >= 60, credit <= 30 days, good receivables;
// 3: >= 50, sound, acumen >= 60, credit <= 60; 2: >= 20, sound or average, acumen >= 40, credit <= 90.
const rate = (...accounts: Parameters<typeof aSnapshot>[0]) =>
  rateStars(buildPortfolioFacts(aSnapshot(accounts), DEFAULT_POLICY.sales), DEFAULT_POLICY.stars);

const sound = { profile: { financialStatus: 'sound' as const } };

describe('star rating (source 001)', () => {
  // Five sellers at 500, 400, 300, 200, 100: percentiles 100, 75, 50, 25, 0.
  const ratings = rate(
    aSeller('s5', 500, { ...sound, assessment: anAssessment({ acumen: 70 }), creditDays: 30 }),
    aSeller('s4', 400, { ...sound, assessment: anAssessment({ acumen: 70 }), creditDays: 45 }),
    aSeller('s3', 300, {
      profile: { financialStatus: 'average' },
      assessment: anAssessment({ acumen: 50 }),
      creditDays: 90,
    }),
    aSeller('s2', 200, {
      profile: { financialStatus: 'weak' },
      assessment: anAssessment({ acumen: 30 }),
      creditDays: 120,
    }),
    aSeller('s1', 100, { ...sound, assessment: anAssessment({ acumen: 90 }), creditDays: 0 }),
  );
  const byId = (id: string) => ratings[['s1', 's2', 's3', 's4', 's5'].indexOf(id)];

  it('rates each account at the highest level whose every requirement it meets', () => {
    expect(['s5', 's4', 's3', 's2', 's1'].map((id) => byId(id)?.stars)).toEqual([4, 3, 2, 1, 1]);
  });

  it('gives each rating its prescribed treatment', () => {
    expect(byId('s5')?.treatment).toEqual(['promotion support', 'business guidance', 'year-end rebate']);
    expect(byId('s4')?.treatment).toEqual([
      'allow a credit period',
      'business guidance',
      'promotion support',
    ]);
    expect(byId('s3')?.treatment).toEqual([
      'credit management',
      'consignment up to the year-end rebate',
      'business guidance',
    ]);
    expect(byId('s1')?.treatment).toEqual([
      'strict credit management',
      'replace when a suitable account appears',
    ]);
  });

  it('says what kept an account from the level above', () => {
    expect(byId('s4')?.reasons[0]).toBe(
      "not 4 stars: sales percentile 75.00 < 80; needs 45 days' credit > 30",
    );
    expect(byId('s1')?.reasons).toContain('not 2 stars: sales percentile 0.00 < 20');
  });

  it('keeps a top seller with overdue receivables or late payments out of four stars', () => {
    const [late, overdue] = rate(
      anAccount('late', {
        ...sound,
        assessment: anAssessment({ acumen: 80 }),
        // 2 of 10 payments late = 20% > 10%
        months: [aMonth('2026-01', 900, { paymentsOnTime: 8, paymentsLate: 2 })],
        lastOrderAt: '2026-01-10T00:00:00Z',
      }),
      aSeller('overdue', 900, { ...sound, assessment: anAssessment({ acumen: 80 }), overdueReceivables: 50 }),
    );
    expect([late?.stars, overdue?.stars]).toEqual([3, 3]);
    expect(late?.reasons[0]).toBe(
      'not 4 stars: receivables not good (overdue 0.00, 20.00% of payments late)',
    );
  });

  it('counts unrecorded finances as average and an unassessed account at acumen 50: two stars at most', () => {
    const [unknown] = rate(aSeller('u', 1000));
    expect(unknown?.stars).toBe(2);
    expect(unknown?.inputs).toMatchObject({ finances: 'average', acumen: 50, creditDays: 0 });
  });

  it('gives an account with no orders one star', () => {
    const [, none] = rate(
      aSeller('a', 100),
      anAccount('n', { ...sound, assessment: anAssessment({ acumen: 90 }) }),
    );
    expect(none?.stars).toBe(1);
  });
});
