/** The words of the domain (../shared/domain.md), as closed unions with their lists. */

export const LIFECYCLE_STAGES = ['acquisition', 'growth', 'maturity', 'decline', 'churn'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Default tier names of the composite-score policy; a policy file may name its own. */
export const DEFAULT_TIERS = ['strategic', 'key', 'growth', 'standard'] as const;
export type Tier = string;

/**
 * How a sale was made. Sales pushed through sub-distribution or cross-region price dumping
 * (窜货砸价) are poor-quality sales (source 001).
 */
export const SALES_CHANNELS = [
  'direct',
  'distributor',
  'online',
  'sub_distribution',
  'cross_region_dumping',
] as const;
export type SalesChannel = (typeof SALES_CHANNELS)[number];
export const POOR_QUALITY_CHANNELS: readonly SalesChannel[] = ['sub_distribution', 'cross_region_dumping'];

/** The five payment modes of source 000, safest first. */
export const PAYMENT_MODES = [
  'prepayment_and_cash_before_delivery',
  'cash_before_delivery',
  'payment_against_bill_of_lading',
  'open_credit_with_guarantee',
  'open_credit',
] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

export const PAYMENT_RISK_GRADES = [
  'safe_controllable',
  'fairly_safe_conditionally_controllable',
  'unsafe_conditionally_controllable',
  'unsafe_uncontrollable',
] as const;
export type PaymentRiskGrade = (typeof PAYMENT_RISK_GRADES)[number];

/** Source 000's table: each payment mode's risk grade. */
export const PAYMENT_MODE_RISK: Readonly<Record<PaymentMode, PaymentRiskGrade>> = {
  prepayment_and_cash_before_delivery: 'safe_controllable',
  cash_before_delivery: 'safe_controllable',
  payment_against_bill_of_lading: 'unsafe_conditionally_controllable',
  open_credit_with_guarantee: 'fairly_safe_conditionally_controllable',
  open_credit: 'unsafe_uncontrollable',
};

export const TEAM_ROLES = ['owner', 'regional_sales', 'solution_sales', 'other'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** The account team's assessment dimensions, each scored 0-100. */
export const ASSESSMENT_DIMENSIONS = [
  'potential',
  'demonstration',
  'winnability',
  'strength',
  'capability',
  'acumen',
] as const;
export type AssessmentDimension = (typeof ASSESSMENT_DIMENSIONS)[number];
export type AssessmentScores = Readonly<Record<AssessmentDimension, number>>;

export const INTERACTION_KINDS = ['visit', 'meeting', 'onsite_guidance', 'training', 'call'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const ACTIVITY_STRATEGIES = ['penetration', 'alliance', 'resource_allocation', 'other'] as const;
export type ActivityStrategy = (typeof ACTIVITY_STRATEGIES)[number];

export const SCENARIOS = ['pre_sales', 'bidding', 'delivery', 'after_sales'] as const;
export type Scenario = (typeof SCENARIOS)[number];
