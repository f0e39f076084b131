import { buildByTier } from './by-tier.js';

describe('buildByTier', () => {
  it('counts accounts per tier, changes in each, and the moves into and out of each', () => {
    const byTier = buildByTier({ strategic: 1, key: 2, standard: 7 }, [
      { tier: 'strategic', previousTier: 'key', accounts: 1 },
      { tier: 'key', previousTier: 'key', accounts: 2 },
      { tier: 'standard', previousTier: null, accounts: 3 },
    ]);
    expect(byTier).toEqual({
      strategic: { accounts: 1, changed: 1, entered: 1, left: 0 },
      key: { accounts: 2, changed: 2, entered: 0, left: 1 },
      standard: { accounts: 7, changed: 3, entered: 3, left: 0 },
    });
  });

  it('lists a tier that no account holds any more, for the accounts that left it', () => {
    const byTier = buildByTier({ A: 1 }, [{ tier: 'A', previousTier: 'gold', accounts: 1 }]);
    expect(byTier.gold).toEqual({ accounts: 0, changed: 0, entered: 0, left: 1 });
  });
});
