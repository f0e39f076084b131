import type { LifecycleStage } from '@kam/domain';
import type { AccountEvaluation, PortfolioEvaluation } from '@kam/policies';
import type { PlannedChange } from './evaluation-run.types.js';

export type Plan = Readonly<{
  changes: readonly PlannedChange[];
  /** Accounts whose tier, score and stage all stay: nothing to append, nothing to store. */
  unchanged: number;
  tierCounts: Readonly<Record<string, number>>;
}>;

/** Where an account stands now (not as of the run's date): what the decider will compare with. */
export type CurrentClassification = Readonly<{
  tier: string | null;
  score: number | null;
  stage: LifecycleStage;
}>;
export type CurrentClassifications = ReadonlyMap<string, CurrentClassification>;

/**
 * The same test the batch applies against the account's state: the tier or score moves, or the
 * stage the inference started from is still the account's stage and the inference moves it.
 */
const changes = (account: AccountEvaluation, current: CurrentClassification | undefined): boolean => {
  if (current === undefined) return true;
  if (account.tier !== current.tier || account.score !== current.score) return true;
  if (current.stage !== account.previousStage) return false;
  return account.winBack ? current.stage === 'churn' : account.stage !== current.stage;
};

const toChange = (account: AccountEvaluation, current: CurrentClassification | undefined): PlannedChange => ({
  accountId: account.accountId,
  tier: account.tier,
  previousTier: current === undefined ? account.previousTier : current.tier,
  score: account.score,
  stage: account.stage,
  previousStage: account.previousStage,
  winBack: account.winBack,
  components: account.components,
  reasons: account.reasons,
  stageReasons: account.methods.lifecycle?.reasons ?? [],
});

/** Keeps only the accounts whose result differs from what the read models say they have now. */
export const planChanges = (evaluation: PortfolioEvaluation, current: CurrentClassifications): Plan => {
  const planned = evaluation.accounts
    .filter((account) => changes(account, current.get(account.accountId)))
    .map((account) => toChange(account, current.get(account.accountId)));
  return {
    changes: planned,
    unchanged: evaluation.accounts.length - planned.length,
    // Best tier first, as the policy ranks them, so reports read top-down.
    tierCounts: Object.fromEntries(evaluation.cohort.map((tier) => [tier.tier, tier.count])),
  };
};

export const DEFAULT_BATCH_SIZE = 1000;

export const intoBatches = <T>(items: readonly T[], size = DEFAULT_BATCH_SIZE): T[][] => {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
};
