import type { LifecycleStage, Tier } from '@kam/domain';
import type { PrimaryMethod } from '../document/policy-document.js';
import type { CompositeOutcome } from '../methods/composite-score/composite-score.method.js';
import type { TierCohort } from '../methods/composite-score/composite-tiers.js';
import type { LifecycleInference } from '../methods/lifecycle/lifecycle-inference.method.js';
import type { ParetoAbc } from '../methods/pareto-abc/pareto-abc.method.js';
import type { PaymentRisk } from '../methods/payment-risk/payment-risk.method.js';
import type { PriorityReturn } from '../methods/priority-return/priority-return.method.js';
import type { StarRating } from '../methods/star-rating/star-rating.method.js';
import type { VolumeProfit } from '../methods/volume-profit/volume-profit.method.js';
import type { Inputs } from '../shared/method-outcome.js';

/**
 * 'all': every method explains every account (for `kam explain`, a dry run, a person reading).
 * 'recorded': only what an evaluation run records, the primary method's reasons (the tier) and
 * the lifecycle's (the stage); the other methods' `reasons` are empty, and 100,000 accounts
 * evaluate in about half the time.
 */
export type ReasonsWanted = 'all' | 'recorded';

/**
 * 'all': every method the policy lists. 'recorded': only those an evaluation run records, the
 * primary method (the tier) and lifecycle inference (the stage); the others are absent from
 * `methods`, and the tier, score and stage come out the same.
 */
export type MethodsWanted = 'all' | 'recorded';

export type EvaluationOptions = Readonly<{ reasons?: ReasonsWanted; methods?: MethodsWanted }>;

/** Each method's own result for the account; a method the policy does not run is absent. */
export type MethodResults = Readonly<{
  composite?: CompositeOutcome;
  stars?: StarRating;
  volumeProfit?: VolumeProfit;
  abc?: ParetoAbc;
  paymentRisk?: PaymentRisk;
  lifecycle?: LifecycleInference;
  priority?: PriorityReturn;
}>;

export type AccountEvaluation = Readonly<{
  accountId: string;
  /** From the policy's primary method. */
  tier: Tier;
  previousTier: Tier | null;
  score: number;
  /** The inferred stage when lifecycle inference moved it, else the current one. */
  stage: LifecycleStage;
  previousStage: LifecycleStage;
  /** The evaluator records AccountWonBack for these. */
  winBack: boolean;
  components: Readonly<Record<string, number>>;
  inputs: Inputs;
  /** Why the account has its tier (the primary method's reasons); the stage's are in methods.lifecycle. */
  reasons: readonly string[];
  methods: MethodResults;
}>;

export type PortfolioEvaluation = Readonly<{
  asOf: string;
  policyId: string;
  policyVersion: string;
  primaryMethod: PrimaryMethod;
  portfolioSize: number;
  /** Per tier of the primary method, best first: count and the score each tier began at. */
  cohort: readonly TierCohort[];
  /** Sorted by account id. */
  accounts: readonly AccountEvaluation[];
}>;
