import { DEFAULT_POLICY } from '../../default-policy.js';
import { buildPortfolioFacts } from '../../shared/account-facts.js';
import { aMonth, anAccount, aSnapshot } from '../../testing/snapshot.fixture.js';
import { classifyVolumeProfit } from './volume-profit.method.js';

const seller = (id: string, revenue: number, grossProfit: number) =>
  anAccount(id, {
    months: [aMonth('2025-11', revenue, { grossProfit })],
    lastOrderAt: '2025-11-02T00:00:00Z',
  });

describe('volume and profit (source 000; high volume from percentile 70, moderate from 30, good margin from 50)', () => {
  // Revenue percentiles: v1 1000 -> 100, v2 800 -> 75, v3 600 -> 50, v4 400 -> 25, v5 200 -> 0.
  // Margins: v1 10%, v2 40%, v3 30%, v4 50%, v5 5%; sorted 5, 10, 30, 40, 50 -> v5 0, v1 25, v3 50, v2 75, v4 100.
  const results = classifyVolumeProfit(
    buildPortfolioFacts(
      aSnapshot([
        seller('v1', 1000, 100),
        seller('v2', 800, 320),
        seller('v3', 600, 180),
        seller('v4', 400, 200),
        seller('v5', 200, 10),
        anAccount('v6'),
      ]),
      DEFAULT_POLICY.sales,
    ),
    DEFAULT_POLICY.volumeProfit,
  );

  it('classes by revenue percentile and gross-margin percentile', () => {
    expect(results.map((r) => r.class)).toEqual([
      'high_volume_low_profit', // v1: 100 >= 70, margin 25 < 50
      'high_volume_good_profit', // v2: 75 >= 70, margin 75 >= 50
      'moderate_volume_good_profit', // v3: 30 <= 50 < 70, margin 50 >= 50
      'other', // v4: volume 25 < 30, however good the margin
      'other', // v5: low volume, low margin
      'other', // v6: no sales
    ]);
  });

  it('shows both percentiles and the margin behind the class', () => {
    expect(results[0]?.components).toEqual({ volumePercentile: 100, marginPercentile: 25 });
    expect(results[0]?.reasons[1]).toBe('profit low: gross margin 10.00% at percentile 25.00 (good from 50)');
    expect(results[5]?.reasons).toEqual(['volume-profit other: no sales in the trailing 12 months']);
  });
});
