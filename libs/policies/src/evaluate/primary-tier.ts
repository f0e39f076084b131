import type { PolicyDocument } from '../document/policy-document.js';
import type { TierCohort } from '../methods/composite-score/composite-tiers.js';
import { placeInTiers } from '../methods/composite-score/composite-tiers.js';
import { VOLUME_PROFIT_CLASSES } from '../methods/volume-profit/volume-profit.config.js';
import type { Inputs, MethodOutcome } from '../shared/method-outcome.js';
import type { MethodResults } from './evaluation.types.js';

export type TierResult = Readonly<{
  tier: string;
  score: number;
  components: Readonly<Record<string, number>>;
  inputs: Inputs;
  reasons: readonly string[];
}>;

/**
 * The tier of each account from the policy's primary method: the composite score's top-X% cut-offs,
 * or the class of stars ('4_stars' ... '1_star'), ABC ('A', 'B', 'C') or volume-profit.
 */
export const primaryTiers = (
  policy: PolicyDocument,
  results: readonly MethodResults[],
): { tiers: TierResult[]; cohort: readonly TierCohort[] } => {
  switch (policy.primaryMethod) {
    case 'composite': {
      const outcomes = results.map((result) => required(result.composite, 'composite'));
      const { placements, cohort, reasonFor } = placeInTiers(
        outcomes.map((outcome) => outcome.score),
        policy.composite.tiers,
        policy.composite.restTier,
      );
      const tiers = outcomes.map((outcome, i) => {
        const placement = placements[i];
        return fromOutcome(outcome, placement?.tier ?? policy.composite.restTier, () => reasonFor(i));
      });
      return { tiers, cohort };
    }
    case 'stars':
      return byClass(results, ['4_stars', '3_stars', '2_stars', '1_star'], (result) => {
        const stars = required(result.stars, 'stars');
        return fromOutcome(stars, stars.stars === 1 ? '1_star' : `${stars.stars}_stars`);
      });
    case 'abc':
      return byClass(results, ['A', 'B', 'C'], (result) => {
        const abc = required(result.abc, 'abc');
        return fromOutcome(abc, abc.class);
      });
    case 'volume_profit':
      return byClass(results, VOLUME_PROFIT_CLASSES, (result) => {
        const volumeProfit = required(result.volumeProfit, 'volume_profit');
        return fromOutcome(volumeProfit, volumeProfit.class);
      });
  }
};

const fromOutcome = (outcome: MethodOutcome, tier: string, placementReason?: () => string): TierResult => ({
  tier,
  score: outcome.score,
  components: outcome.components,
  inputs: outcome.inputs,
  reasons: placementReason === undefined ? outcome.reasons : [...outcome.reasons, placementReason()],
});

const byClass = (
  results: readonly MethodResults[],
  classes: readonly string[],
  tierOf: (result: MethodResults) => TierResult,
): { tiers: TierResult[]; cohort: readonly TierCohort[] } => {
  const tiers = results.map(tierOf);
  const cohort = classes.map((tier) => ({
    tier,
    topPercent: null,
    cumulativePercent: null,
    count: tiers.filter((result) => result.tier === tier).length,
    cutoffScore: null,
  }));
  return { tiers, cohort };
};

const required = <T>(value: T | undefined, method: string): T => {
  // The semantic rules make the primary method one the policy runs; this guards a hand-built policy.
  if (value === undefined) throw new RangeError(`the primary method '${method}' did not run`);
  return value;
};
