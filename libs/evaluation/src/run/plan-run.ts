import { evaluatePortfolio, parsePolicyDocument } from '@kam/policies';
import { finishIfComplete, findRunRow, markRunning } from '../store/evaluation-run.store.js';
import { storeByTier } from '../store/get-evaluation-run.js';
import { pendingBatchNumbers, storePlan } from '../store/run-account.store.js';
import { EvaluationRunNotFoundError } from './evaluation.errors.js';
import type { EvaluationDeps } from './evaluation-deps.js';
import { intoBatches, planChanges } from './plan-changes.js';

/**
 * The coordinator: brings the read models up to date, evaluates the whole portfolio once (the
 * ranking is relative, so it needs every account), and stores the changes it wants, split into
 * batches. Returns the batches left to apply; a retried coordinator returns the stored plan's.
 */
export type PlanHooks = Readonly<{
  /**
   * The portfolio's account ids, in the order the plan will hold them, as soon as they are known
   * and before the (much longer) evaluation: batch threads load the accounts meanwhile.
   */
  onAccounts?: (accountIds: readonly string[]) => void;
}>;

export const planRun = async (
  deps: EvaluationDeps,
  runId: string,
  hooks: PlanHooks = {},
): Promise<number[]> => {
  const row = await findRunRow(deps.db, runId);
  if (row === null) throw new EvaluationRunNotFoundError(runId);
  if (row.status === 'done' || row.status === 'failed') return [];
  await markRunning(deps.db, runId, deps.clock());
  if (row.accounts !== null) return pendingBatchNumbers(deps.db, runId);

  const policy = parsePolicyDocument(row.policy_json, `run-${runId}.json`);
  await deps.portfolio.catchUp();
  const headPosition = await deps.store.headPosition();
  const current = await deps.portfolio.loadCurrent();
  hooks.onAccounts?.([...current.keys()]);
  const snapshot = await deps.portfolio.loadSnapshot(new Date(row.as_of));
  // A run records the tier and the stage with their reasons: the other methods are not run.
  const evaluation = evaluatePortfolio(snapshot, policy, { reasons: 'recorded', methods: 'recorded' });
  const plan = planChanges(evaluation, current);
  const batches = intoBatches(plan.changes, row.batch_size);
  await storePlan(deps.db, runId, batches, {
    headPosition,
    accounts: snapshot.accounts.length,
    batches: batches.length,
    plannedUnchanged: plan.unchanged,
    tierCounts: plan.tierCounts,
  });
  if (await finishIfComplete(deps.db, runId, deps.clock())) await storeByTier(deps.db, runId);
  return batches.map((_, batchNo) => batchNo);
};
