/** The dimensions of the composite score (综合积分法, source 002). */
export const COMPOSITE_DIMENSIONS = ['sales', 'potential', 'demonstration', 'winnability'] as const;
export type CompositeDimension = (typeof COMPOSITE_DIMENSIONS)[number];

/** A tier takes the next `topPercent` of the ranked portfolio after the tiers above it. */
export type TierCutoff = Readonly<{ name: string; topPercent: number }>;

export type CompositeConfig = Readonly<{
  /** Non-negative; normalised by their sum, so 40/20/20/20 and 0.4/0.2/0.2/0.2 score alike. */
  weights: Readonly<Record<CompositeDimension, number>>;
  /** Score of an assessment dimension the team has not assessed yet (0-100). */
  missingAssessmentScore: number;
  /** Best tier first. */
  tiers: readonly TierCutoff[];
  /** The tier of every account below the last cut-off. */
  restTier: string;
}>;
