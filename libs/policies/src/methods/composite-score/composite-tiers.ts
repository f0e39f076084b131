import { competitionRanks } from '../../shared/competition-ranks.js';
import { fmt } from '../../shared/numbers.js';
import { flatText } from '../../shared/reasons.js';
import type { TierCutoff } from './composite-score.config.js';

export type TierCohort = Readonly<{
  tier: string;
  /** This tier's own share of the portfolio; null for the rest tier or a method without cut-offs. */
  topPercent: number | null;
  /** The share of the portfolio in this tier and the tiers above it. */
  cumulativePercent: number | null;
  count: number;
  /** The lowest score admitted into the tier ("top 5% began at score 81.2"); null when empty. */
  cutoffScore: number | null;
}>;

export type TierPlacement = Readonly<{ tier: string; rank: number }>;

export type Tiering = Readonly<{
  placements: readonly TierPlacement[];
  cohort: readonly TierCohort[];
  /** Why account `i` has its tier, with the score the tier began at; built on demand. */
  reasonFor: (i: number) => string;
}>;

/**
 * Ranks by score (best first; equal scores in account-id order) with competition ranks
 * (1, 2, 2, 4). With n accounts, a tier whose cumulative cut-off is C% takes the ranks up to
 * ceil(n × C / 100): an account whose rank starts inside the top C% is in it, so a portfolio of
 * ten has one account in a top 5%. Equal scores share a rank, so they share the better tier even
 * when that tier then holds more than its share.
 */
export const placeInTiers = (
  scores: readonly number[],
  tiers: readonly TierCutoff[],
  restTier: string,
): Tiering => {
  const n = scores.length;
  const { order, ranks } = competitionRanks(scores);
  const bounds = cumulativeBounds(tiers, n);
  const tierIndex = ranks.map((rank) => {
    const within = bounds.findIndex((bound) => rank <= bound.places);
    return within === -1 ? tiers.length : within;
  });
  const cohort = buildCohort(tiers, restTier, bounds, order, tierIndex, scores);
  const tierOf = (i: number): string => cohort[tierIndex[i] ?? tiers.length]?.tier ?? restTier;
  const placements = scores.map((_, i) => ({ tier: tierOf(i), rank: ranks[i] ?? 0 }));
  // What follows the rank depends only on the tier, so it is written once per tier, not per account.
  const tails = cohort.map((_, index) => placementTail(index, n, cohort, null));
  const reasonFor = (i: number): string => {
    const index = tierIndex[i] ?? tiers.length;
    const score = scores[i] ?? 0;
    const tail = tails[index] ?? placementTail(index, n, cohort, score);
    return flatText(`tier ${tierOf(i)}: score ${fmt(score)} ranks ${ranks[i] ?? 0}${tail}`);
  };
  return { placements, cohort, reasonFor };
};

type Bound = Readonly<{ cumulativePercent: number; places: number }>;

const cumulativeBounds = (tiers: readonly TierCutoff[], n: number): Bound[] => {
  let cumulative = 0;
  return tiers.map((tier) => {
    cumulative += tier.topPercent;
    // The epsilon keeps 20% of 100 at 20 places when the percentages do not add up exactly in binary.
    return { cumulativePercent: cumulative, places: Math.ceil((n * cumulative) / 100 - 1e-9) };
  });
};

const buildCohort = (
  tiers: readonly TierCutoff[],
  restTier: string,
  bounds: readonly Bound[],
  order: readonly number[],
  tierIndex: readonly number[],
  scores: readonly number[],
): TierCohort[] => {
  const counts = new Array<number>(tiers.length + 1).fill(0);
  const cutoffs = new Array<number | null>(tiers.length + 1).fill(null);
  for (const account of order) {
    const index = tierIndex[account] ?? tiers.length;
    counts[index] = (counts[index] ?? 0) + 1;
    cutoffs[index] = scores[account] ?? null;
  }
  const named = tiers.map((tier, i) => ({
    tier: tier.name,
    topPercent: tier.topPercent,
    cumulativePercent: bounds[i]?.cumulativePercent ?? null,
    count: counts[i] ?? 0,
    cutoffScore: cutoffs[i] ?? null,
  }));
  const rest = {
    tier: restTier,
    topPercent: null,
    cumulativePercent: null,
    count: counts[tiers.length] ?? 0,
  };
  return [...named, { ...rest, cutoffScore: cutoffs[tiers.length] ?? null }];
};

/**
 * The placement reason after "ranks r": of how many, and where the tier began, or for the rest tier
 * where the tiers above ended. Null when it would need the account's own score (a tier with no cut-off).
 */
const placementTail = (
  index: number,
  n: number,
  cohort: readonly TierCohort[],
  score: number | null,
): string | null => {
  const entry = cohort[index];
  if (entry?.cumulativePercent !== null && entry?.cumulativePercent !== undefined) {
    const began = entry.cutoffScore ?? score;
    if (began === null) return null;
    return ` of ${n}, within the top ${entry.cumulativePercent}%; ${entry.tier} began at score ${fmt(began)}`;
  }
  const above = [...cohort.slice(0, index)].reverse().find((tierAbove) => tierAbove.cutoffScore !== null);
  const last = cohort[index - 1];
  const edge = above ? `; ${above.tier} ended at score ${fmt(above.cutoffScore ?? 0)}` : '';
  return ` of ${n}, below the top ${last?.cumulativePercent ?? 0}%${edge}`;
};
