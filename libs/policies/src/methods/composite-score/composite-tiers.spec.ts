import { placeInTiers } from './composite-tiers.js';

const tiers = [
  { name: 'strategic', topPercent: 10 },
  { name: 'key', topPercent: 20 },
  { name: 'growth', topPercent: 30 },
];

describe('tiers by top-X% cut-offs', () => {
  it('takes ceil(n x cumulative% / 100) places per tier, and equal scores share the better tier', () => {
    // n = 10: strategic ranks <= ceil(1) = 1, key <= ceil(3) = 3, growth <= ceil(6) = 6.
    // Competition ranks: 95:1, 90:2, 80:3, 80:3, 60:5, 50:6, 50:6, 40:8, 20:9, 10:10.
    // The second 80 sits in place 4 but shares rank 3, so key holds three accounts.
    const scores = [95, 90, 80, 80, 60, 50, 50, 40, 20, 10];
    const { placements, cohort } = placeInTiers(scores, tiers, 'standard');
    expect(placements.map((p) => p.tier)).toEqual([
      'strategic',
      'key',
      'key',
      'key',
      'growth',
      'growth',
      'growth',
      'standard',
      'standard',
      'standard',
    ]);
    expect(placements.map((p) => p.rank)).toEqual([1, 2, 3, 3, 5, 6, 6, 8, 9, 10]);
    expect(cohort).toEqual([
      { tier: 'strategic', topPercent: 10, cumulativePercent: 10, count: 1, cutoffScore: 95 },
      { tier: 'key', topPercent: 20, cumulativePercent: 30, count: 3, cutoffScore: 80 },
      { tier: 'growth', topPercent: 30, cumulativePercent: 60, count: 3, cutoffScore: 50 },
      { tier: 'standard', topPercent: null, cumulativePercent: null, count: 3, cutoffScore: 10 },
    ]);
  });

  it('explains the placement with the score where the tier began', () => {
    const { reasonFor } = placeInTiers([95, 90, 80, 80, 60, 50, 50, 40, 20, 10], tiers, 'standard');
    expect(reasonFor(3)).toBe(
      'tier key: score 80.00 ranks 3 of 10, within the top 30%; key began at score 80.00',
    );
    expect(reasonFor(7)).toBe(
      'tier standard: score 40.00 ranks 8 of 10, below the top 60%; growth ended at score 50.00',
    );
  });

  it('gives a single account the top tier: its rank starts inside the top 10%', () => {
    const { placements } = placeInTiers([12.5], tiers, 'standard');
    expect(placements[0]?.tier).toBe('strategic');
  });

  it('leaves a tier empty when its cumulative share adds no place, with no cut-off score', () => {
    // n = 4 with 5/15/30: strategic <= ceil(0.2) = 1, key <= ceil(0.8) = 1 (nothing left), growth <= 2.
    const { placements, cohort } = placeInTiers(
      [80, 70, 60, 50],
      [
        { name: 'strategic', topPercent: 5 },
        { name: 'key', topPercent: 15 },
        { name: 'growth', topPercent: 30 },
      ],
      'standard',
    );
    expect(placements.map((p) => p.tier)).toEqual(['strategic', 'growth', 'standard', 'standard']);
    expect(cohort[1]).toEqual({
      tier: 'key',
      topPercent: 15,
      cumulativePercent: 20,
      count: 0,
      cutoffScore: null,
    });
  });

  it('returns nothing for an empty portfolio and an empty count for every tier', () => {
    const { placements, cohort } = placeInTiers([], tiers, 'standard');
    expect(placements).toEqual([]);
    expect(cohort.map((c) => c.count)).toEqual([0, 0, 0, 0]);
  });
});
