import { DEFAULT_POLICY } from '../../default-policy.js';
import { buildPortfolioFacts } from '../../shared/account-facts.js';
import { anAccount, aSeller, aSnapshot } from '../../testing/snapshot.fixture.js';
import { fitScorer } from './cold-start.method.js';

const config = DEFAULT_POLICY.coldStart; // genes industry 40, region 20, financialStatus 20, organisationScale 20

describe('cold start by fit (industry genes, then customer genes)', () => {
  it('scores each gene by its revenue against the best-selling value of that gene', () => {
    // Revenue by industry: manufacturing 600, retail 300, energy 100 (best 600).
    // Revenue by financial status: sound 600, average 300 (best 600). Region: east 1000. Scale: none.
    const sellers = [
      aSeller('s1', 600, { profile: { financialStatus: 'sound' } }),
      aSeller('s2', 300, { industry: 'retail', profile: { financialStatus: 'average' } }),
      aSeller('s3', 100, { industry: 'energy' }),
    ];
    const fit = fitScorer(buildPortfolioFacts(aSnapshot(sellers), DEFAULT_POLICY.sales), config);
    const candidate = anAccount('n', {
      industry: 'retail',
      region: 'west',
      profile: { financialStatus: 'sound', organisationScale: 'large' },
    });
    // industry 300/600 = 50 -> 50 x 0.4 = 20; region west 0; sound 600/600 = 100 -> 100 x 0.2 = 20; scale 0.
    const result = fit(candidate);
    expect(result.components).toEqual({ industry: 20, region: 0, financialStatus: 20, organisationScale: 0 });
    expect(result.score).toBe(40);
    expect(result.reasons[0]).toBe(
      "fit industry 'retail': 50.00% of the revenue of the best-selling industry -> 20.00",
    );
  });

  it('gives a gene the account has not recorded nothing', () => {
    const fit = fitScorer(buildPortfolioFacts(aSnapshot([aSeller('s1', 100)]), DEFAULT_POLICY.sales), config);
    // industry and region match the only seller (100 each); no financial status, no scale.
    // 100 x 0.4 + 100 x 0.2 = 60
    const result = fit(anAccount('n'));
    expect(result.score).toBe(60);
    expect(result.reasons).toContain('fit financialStatus: not recorded, scores 0');
  });

  it('scores 0 when no account has sales to learn from', () => {
    const fit = fitScorer(buildPortfolioFacts(aSnapshot([anAccount('n')]), DEFAULT_POLICY.sales), config);
    expect(fit(anAccount('n')).score).toBe(0);
    expect(fit(anAccount('n')).reasons).toEqual(['fit: no account has sales yet to compare with']);
  });
});
