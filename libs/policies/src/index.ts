export type { AccountSnapshot, MonthlyMetrics, PortfolioSnapshot, StageBasis } from './portfolio-snapshot.js';
export type { SalesConfig } from './shared/account-facts.js';
export type { InputValue, Inputs, MethodOutcome } from './shared/method-outcome.js';

export { evaluatePortfolio } from './evaluate/evaluate-portfolio.js';
export type {
  AccountEvaluation,
  EvaluationOptions,
  MethodResults,
  MethodsWanted,
  PortfolioEvaluation,
  ReasonsWanted,
} from './evaluate/evaluation.types.js';

export { DEFAULT_POLICY } from './default-policy.js';
export { parsePolicyDocument } from './document/parse-policy-document.js';
export { validatePolicy } from './document/validate-policy.js';
export { PolicyValidationError, type PolicyIssue } from './document/policy-validation-error.js';
export { policyVersion, canonicalJson } from './document/policy-version.js';
export { policyToJson, policyToYaml } from './document/policy-serialise.js';
export { POLICY_SCHEMA } from './document/policy.schema.js';
export {
  METHOD_NAMES,
  PRIMARY_METHODS,
  type MethodName,
  type PolicyDocument,
  type PrimaryMethod,
} from './document/policy-document.js';

export {
  COMPOSITE_DIMENSIONS,
  type CompositeConfig,
  type TierCutoff,
} from './methods/composite-score/composite-score.config.js';
export type { CompositeOutcome } from './methods/composite-score/composite-score.method.js';
export type { TierCohort } from './methods/composite-score/composite-tiers.js';
export { FIT_GENES, type ColdStartConfig } from './methods/cold-start/cold-start.config.js';
export {
  STAR_TREATMENTS,
  type StarRatingConfig,
  type Stars,
} from './methods/star-rating/star-rating.config.js';
export type { StarRating } from './methods/star-rating/star-rating.method.js';
export {
  VOLUME_PROFIT_CLASSES,
  type VolumeProfitClass,
  type VolumeProfitConfig,
} from './methods/volume-profit/volume-profit.config.js';
export type { VolumeProfit } from './methods/volume-profit/volume-profit.method.js';
export type { AbcClass, ParetoAbcConfig } from './methods/pareto-abc/pareto-abc.config.js';
export type { ParetoAbc } from './methods/pareto-abc/pareto-abc.method.js';
export type { PaymentRisk } from './methods/payment-risk/payment-risk.method.js';
export type { LifecycleConfig } from './methods/lifecycle/lifecycle.config.js';
export type { LifecycleInference } from './methods/lifecycle/lifecycle-inference.method.js';
export type { PriorityConfig } from './methods/priority-return/priority-return.config.js';
export type { PriorityReturn } from './methods/priority-return/priority-return.method.js';
