import { evaluatePortfolio, policyVersion } from '@kam/policies';
import { buildByTier } from './by-tier.js';
import type { EvaluationRequest } from './create-run.js';
import type { EvaluationDeps } from './evaluation-deps.js';
import type { EvaluationSummary } from './evaluation-run.types.js';
import { assertAsOfNotInFuture } from './evaluation.errors.js';
import { newRunId } from './run-ids.js';
import { planChanges } from './plan-changes.js';

const moves = (changes: ReturnType<typeof planChanges>['changes']) =>
  changes.map((change) => ({ tier: change.tier, previousTier: change.previousTier, accounts: 1 }));

/**
 * What a run would change, computed the same way and written nowhere: no events, no run record.
 * `changed` counts the accounts whose tier, score or stage would move.
 */
export const dryRunEvaluation = async (
  deps: Pick<EvaluationDeps, 'portfolio' | 'clock'>,
  request: EvaluationRequest,
): Promise<EvaluationSummary> => {
  const started = performance.now();
  const now = deps.clock();
  const asOf = request.asOf ?? now;
  assertAsOfNotInFuture(asOf, now);
  await deps.portfolio.catchUp();
  const snapshot = await deps.portfolio.loadSnapshot(asOf);
  const evaluation = evaluatePortfolio(snapshot, request.policy, {
    reasons: 'recorded',
    methods: 'recorded',
  });
  const plan = planChanges(evaluation, await deps.portfolio.loadCurrent());
  return {
    runId: request.runId ?? newRunId(),
    policyVersion: policyVersion(request.policy),
    accounts: snapshot.accounts.length,
    changed: plan.changes.length,
    unchanged: plan.unchanged,
    failed: 0,
    seconds: Math.round(((performance.now() - started) / 1000) * 100) / 100,
    byTier: buildByTier(plan.tierCounts, moves(plan.changes)),
  };
};
