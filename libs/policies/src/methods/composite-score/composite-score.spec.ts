import { DEFAULT_POLICY } from '../../default-policy.js';
import { buildPortfolioFacts } from '../../shared/account-facts.js';
import { aMonth, anAccount, anAssessment, aSeller, aSnapshot } from '../../testing/snapshot.fixture.js';
import { scoreComposite } from './composite-score.method.js';

const sales = DEFAULT_POLICY.sales;
const score = (...accounts: Parameters<typeof aSnapshot>[0]) =>
  scoreComposite(
    buildPortfolioFacts(aSnapshot(accounts), sales),
    DEFAULT_POLICY.composite,
    DEFAULT_POLICY.coldStart,
  );

describe('composite score (weights sales 40, potential 20, demonstration 20, winnability 20)', () => {
  // Sales values: a 1000; b 1000 with 400 poor-quality at weight 0.5 -> 1000 - 400 x 0.5 = 800; c 200.
  // Percentile = 100 x (count at or below - 1) / (3 - 1): a 100, b 50, c 0.
  const [a, b, c] = score(
    aSeller('a', 1000, { assessment: anAssessment({ potential: 80, demonstration: 50, winnability: 70 }) }),
    anAccount('b', {
      months: [aMonth('2026-02', 1000, { poorQualityRevenue: 400 })],
      lastOrderAt: '2026-02-01T00:00:00Z',
      assessment: anAssessment({ potential: 100, demonstration: 100, winnability: 90 }),
    }),
    aSeller('c', 200),
  );

  it('weighs each dimension by its share of the weights and sums the contributions', () => {
    // a: 100 x 0.4 + 80 x 0.2 + 50 x 0.2 + 70 x 0.2 = 40 + 16 + 10 + 14 = 80
    expect(a?.score).toBe(80);
    expect(a?.components).toEqual({ sales: 40, potential: 16, demonstration: 10, winnability: 14 });
    expect(a?.reasons).toEqual([
      'sales 40.00 (100.00 x 40/100): 12-month revenue 1000.00 ranks at percentile 100.00 among 3 accounts with sales',
      'potential 16.00 (80.00 x 20/100), demonstration 10.00 (50.00 x 20/100), winnability 14.00 (70.00 x 20/100)',
      'composite score 80.00 = 40.00 + 16.00 + 10.00 + 14.00',
    ]);
  });

  it('counts poor-quality sales at their weight in the sales rank', () => {
    // b: 50 x 0.4 + 100 x 0.2 + 100 x 0.2 + 90 x 0.2 = 20 + 20 + 20 + 18 = 78
    expect(b?.inputs['salesValue12m']).toBe(800);
    expect(b?.inputs['sales']).toBe(50);
    expect(b?.score).toBe(78);
  });

  it('scores an account the team has not assessed at the missing-assessment default (0)', () => {
    // c: 0 x 0.4 + 0 + 0 + 0
    expect(c?.score).toBe(0);
    expect(c?.reasons[1]).toMatch(/; not assessed yet, each counts as 0$/);
  });

  it('scores an account without sales in the window by fit, at the cold-start factor', () => {
    // Sellers are all manufacturing/east. 'n' is retail/east: industry 0, region 100, rest 0.
    // Fit = 0 x 0.4 + 100 x 0.2 = 20; sales = 20 x 0.5 = 10; contribution 10 x 0.4 = 4.
    const [, newcomer] = score(aSeller('a', 500), anAccount('n', { industry: 'retail' }));
    expect(newcomer?.coldStart).toBe(true);
    expect(newcomer?.components['sales']).toBe(4);
    expect(newcomer?.score).toBe(4);
    expect(newcomer?.reasons[0]).toBe(
      'sales 4.00 (10.00 x 40/100): no sales in the trailing 12 months; cold start: fit score 20.00 x 0.5 = 10.00',
    );
  });

  it('ranks an account whose only sales are older than twelve months as a cold start', () => {
    const [, lapsed] = score(
      aSeller('a', 500),
      anAccount('old', { months: [aMonth('2025-03', 900)], lastOrderAt: '2025-03-20T00:00:00Z' }),
    );
    expect(lapsed?.coldStart).toBe(true);
    expect(lapsed?.inputs['revenue12m']).toBe(0);
  });

  it('normalises the weights, so 4/2/2/2 scores like 40/20/20/20', () => {
    const facts = buildPortfolioFacts(
      aSnapshot([
        aSeller('a', 1000, {
          assessment: anAssessment({ potential: 80, demonstration: 50, winnability: 70 }),
        }),
      ]),
      sales,
    );
    const weights = { sales: 4, potential: 2, demonstration: 2, winnability: 2 };
    const [scaled] = scoreComposite(
      facts,
      { ...DEFAULT_POLICY.composite, weights },
      DEFAULT_POLICY.coldStart,
    );
    expect(scaled?.score).toBe(80);
  });
});
