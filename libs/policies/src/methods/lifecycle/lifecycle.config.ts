export type LifecycleConfig = Readonly<{
  /** Months without an order after which an account is churned (source 002: twelve). */
  churnAfterMonths: number;
  /** A quarter-over-quarter change within ± this fraction is stable, beyond it a rise or a fall. */
  changeTolerance: number;
  /** How many falls in a row make a decline (source 002: two). */
  declineQuarters: number;
  /** "High" for maturity: the sales percentile among accounts with sales at or above this. */
  maturityMinPercentile: number;
}>;
