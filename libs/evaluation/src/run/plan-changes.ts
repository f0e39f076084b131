import type { AccountEvaluation, PortfolioEvaluation } from '@kam/policies';
import type { PlannedChange } from './evaluation-run.types.js';

export type Plan = Readonly<{
  changes: readonly PlannedChange[];
  /** Accounts whose tier, score and stage all stay: nothing to append, nothing to store. */
  unchanged: number;
  tierCounts: Readonly<Record<string, number>>;
}>;

/** Current scores by account id; an account missing here is treated as possibly changed. */
export type CurrentScores = ReadonlyMap<string, number | null>;

const changes = (account: AccountEvaluation, currentScores: CurrentScores): boolean =>
  account.tier !== account.previousTier ||
  account.winBack ||
  account.stage !== account.previousStage ||
  !currentScores.has(account.accountId) ||
  currentScores.get(account.accountId) !== account.score;

const toChange = (account: AccountEvaluation): PlannedChange => ({
  accountId: account.accountId,
  tier: account.tier,
  previousTier: account.previousTier,
  score: account.score,
  stage: account.stage,
  previousStage: account.previousStage,
  winBack: account.winBack,
  components: account.components,
  reasons: account.reasons,
  stageReasons: account.methods.lifecycle?.reasons ?? [],
});

/** Keeps only the accounts whose result differs from what the read models say they have now. */
export const planChanges = (evaluation: PortfolioEvaluation, currentScores: CurrentScores): Plan => {
  const planned = evaluation.accounts.filter((account) => changes(account, currentScores)).map(toChange);
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
