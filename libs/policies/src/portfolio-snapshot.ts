import type { AccountProfile, AssessmentScores, LifecycleStage, PaymentMode, Tier } from '@kam/domain';

/**
 * What a policy sees: the whole portfolio's metrics as of one date, built from the read models
 * (or, for a what-if replay, from the log up to that date). Money here is a number in the reporting
 * currency's major unit: policies rank and weigh, they never book.
 */
export type MonthlyMetrics = Readonly<{
  /** `YYYY-MM`, business time. */
  month: string;
  revenue: number;
  grossProfit: number;
  orderCount: number;
  /** Revenue booked through sub-distribution or cross-region dumping (source 001). */
  poorQualityRevenue: number;
  paymentsOnTime: number;
  paymentsLate: number;
  /** Sum of days late over this month's late payments. */
  daysLate: number;
}>;

export type StageBasis = 'registration' | 'manual' | 'inferred' | 'win_back';

export type AccountSnapshot = Readonly<{
  accountId: string;
  name: string;
  industry: string;
  region: string;
  registeredAt: string;
  stage: LifecycleStage;
  stageChangedAt: string;
  stageBasis: StageBasis;
  tier: Tier | null;
  paymentMode: PaymentMode | null;
  creditDays: number | null;
  /** The latest assessment by the account team, if any. */
  assessment: AssessmentScores | null;
  profile: AccountProfile;
  /** Months with any activity, ascending. Months absent here had none. */
  months: readonly MonthlyMetrics[];
  lastOrderAt: string | null;
  /** Invoiced, due before `asOf`, not paid. */
  overdueReceivables: number;
  /**
   * What the company has invested in the account over the trailing twelve months (people, rebates,
   * promotion), when known: the denominator of the return in the priority method (source 003).
   */
  invested?: number | null;
}>;

export type PortfolioSnapshot = Readonly<{
  /** ISO date-time: the evaluation's business date. */
  asOf: string;
  accounts: readonly AccountSnapshot[];
}>;
