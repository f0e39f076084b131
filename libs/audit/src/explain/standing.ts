import type { InputValue, PortfolioEvaluation, TierCohort } from '@kam/policies';
import type { CutoffChange } from './explain.types.js';

const fmt = (value: number): string => (Math.round(value * 100) / 100).toString();

/** Per tier, the inputs of the account that scored lowest into it: where the tier began. */
export type TierEdges = ReadonlyMap<string, Readonly<Record<string, InputValue>>>;

export const tierEdges = (evaluation: PortfolioEvaluation): TierEdges => {
  const edges = new Map<string, Readonly<Record<string, InputValue>>>();
  const lowest = new Map<string, number>();
  for (const account of evaluation.accounts) {
    const floor = lowest.get(account.tier);
    if (floor !== undefined && floor <= account.score) continue;
    lowest.set(account.tier, account.score);
    edges.set(account.tier, account.inputs);
  }
  return edges;
};

/** The tier a score would take under a cohort's cut-offs (best first; the rest tier otherwise). */
export const placeScore = (score: number, cohort: readonly TierCohort[]): string | null => {
  for (const tier of cohort) {
    if (tier.cutoffScore !== null && tier.topPercent !== null && score >= tier.cutoffScore) return tier.tier;
  }
  return cohort.at(-1)?.tier ?? null;
};

const revenue = (inputs: Readonly<Record<string, InputValue>> | undefined): string => {
  const value = inputs?.revenue12m;
  return typeof value === 'number' ? ` (12-month revenue ${fmt(value)})` : '';
};

/**
 * The cut-offs a person compares the account with, the tier it reached and the one above:
 * "top 5% (strategic) began at score 81.2 (12-month revenue 3100000); it was 74.3 (2800000)".
 */
export const standingLines = (
  tier: string,
  score: number,
  inputs: Readonly<Record<string, InputValue>>,
  cohort: readonly TierCohort[],
  edges: TierEdges,
): string[] => {
  const index = cohort.findIndex((entry) => entry.tier === tier);
  return cohort
    .filter((entry, i) => (i === index || i === index - 1) && entry.cumulativePercent !== null)
    .filter((entry) => entry.cutoffScore !== null)
    .map(
      (entry) =>
        `top ${entry.cumulativePercent}% (${entry.tier}, ${entry.count} accounts) began at score ` +
        `${fmt(entry.cutoffScore ?? 0)}${revenue(edges.get(entry.tier))}; it was ${fmt(score)}${revenue(inputs)}`,
    );
};

export const cutoffChanges = (before: readonly TierCohort[], after: readonly TierCohort[]): CutoffChange[] =>
  after
    .map((entry) => ({
      tier: entry.tier,
      before: before.find((old) => old.tier === entry.tier)?.cutoffScore ?? null,
      after: entry.cutoffScore,
    }))
    .filter((change) => change.before !== change.after);
