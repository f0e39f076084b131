import type { AccountProfile } from '@kam/domain';

export type FinancialStatus = NonNullable<AccountProfile['financialStatus']>;

/** What an account must show to earn a level of the star table (source 001). */
export type StarLevelRequirements = Readonly<{
  /** Sales rank: percentile of poor-quality-weighted 12-month sales among accounts with sales. */
  minSalesPercentile: number;
  /** Financial statuses accepted; an account that recorded none counts as 'average'. */
  finances: readonly FinancialStatus[];
  /** Business acumen / proactiveness from the latest assessment. */
  minAcumen: number;
  /** The longest credit period the level tolerates; no agreed terms count as no credit. */
  maxCreditDays: number;
  /** Good receivables: nothing overdue and late payments within `maxLateShare`. */
  goodReceivables: boolean;
}>;

export type StarRatingConfig = Readonly<{
  levels: Readonly<{ four: StarLevelRequirements; three: StarLevelRequirements; two: StarLevelRequirements }>;
  /** The largest share of the 12 months' payments that may be late for receivables to count as good. */
  maxLateShare: number;
  /** Acumen of an account not assessed yet (0-100). */
  missingAcumen: number;
}>;

export type Stars = 1 | 2 | 3 | 4;

/** Source 001's prescribed treatment for each rating, word for word in English. */
export const STAR_TREATMENTS: Readonly<Record<Stars, readonly string[]>> = {
  4: ['promotion support', 'business guidance', 'year-end rebate'],
  3: ['allow a credit period', 'business guidance', 'promotion support'],
  2: ['credit management', 'consignment up to the year-end rebate', 'business guidance'],
  1: ['strict credit management', 'replace when a suitable account appears'],
};
