/** The "genes" compared, industry first, then the customer's own (source 002, 经验推算法). */
export const FIT_GENES = ['industry', 'region', 'financialStatus', 'organisationScale'] as const;
export type FitGene = (typeof FIT_GENES)[number];

export type ColdStartConfig = Readonly<{
  /** Weight of each gene in the fit score; normalised by their sum. */
  genes: Readonly<Record<FitGene, number>>;
  /**
   * What share of the fit score stands in for the sales dimension of the composite score:
   * an unproven account should not outrank proven sellers on promise alone.
   */
  salesFactor: number;
}>;
