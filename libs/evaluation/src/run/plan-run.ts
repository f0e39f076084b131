import { evaluatePortfolio, parsePolicyDocument } from '@kam/policies';
import { finishIfComplete, findRunRow, markRunning } from '../store/evaluation-run.store.js';
import { storeByTier } from '../store/get-evaluation-run.js';
import {
  pendingBatchNumbers,
  storedPlanPart,
  storePlan,
  type PlanBatch,
} from '../store/run-account.store.js';
import { EvaluationRunNotFoundError } from './evaluation.errors.js';
import type { EvaluationDeps } from './evaluation-deps.js';
import { intoBatches, planChanges } from './plan-changes.js';

export type PlanHooks = Readonly<{
  /**
   * The portfolio's account ids, in the order the plan will hold them, as soon as they are known
   * and before the (much longer) evaluation: batch threads load the accounts meanwhile.
   */
  onAccounts?: (accountIds: readonly string[]) => void;
  /**
   * Batches to store, and hand over, before the rest of the plan: `pick` chooses them among all
   * the plan's batch numbers, and `stored` gets them once they are committed, so they are applied
   * while the rest is stored. Only a plan stored from nothing is split.
   */
  early?: Readonly<{
    pick: (batchNos: readonly number[]) => readonly number[];
    stored: (early: readonly number[], all: readonly number[]) => void;
  }>;
}>;

/**
 * The coordinator: brings the read models up to date, evaluates the whole portfolio once (the
 * ranking is relative, so it needs every account), and stores the changes it wants, split into
 * batches. Returns the batches left to apply; a retried coordinator returns the stored plan's.
 *
 * A coordinator that stopped while storing its plan in parts left batches that may have been
 * applied since, which the read models now show as done: its retry keeps those batches as they
 * are, and plans again only the accounts that are in none of them.
 */
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
  const stored = await storedPlanPart(deps.db, runId);
  await deps.portfolio.catchUp();
  // Batches stored before apply after the head read then: this run's events all come after it.
  const headPosition =
    row.head_position === null ? await deps.store.headPosition() : BigInt(row.head_position);
  const current = await deps.portfolio.loadCurrent();
  hooks.onAccounts?.([...current.keys()]);
  const snapshot = await deps.portfolio.loadSnapshot(new Date(row.as_of));
  // A run records the tier and the stage with their reasons: the other methods are not run.
  const evaluation = evaluatePortfolio(snapshot, policy, { reasons: 'recorded', methods: 'recorded' });
  const plan = planChanges(evaluation, current);
  const changes =
    stored.batches === 0 ? plan.changes : plan.changes.filter((c) => !stored.accountIds.has(c.accountId));
  const batches: PlanBatch[] = intoBatches(changes, row.batch_size).map((batch, i) => ({
    batchNo: stored.nextBatchNo + i,
    changes: batch,
  }));
  const all = batches.map((batch) => batch.batchNo);
  const early = new Set(stored.batches === 0 ? (hooks.early?.pick(all) ?? []) : []);
  if (early.size > 0) {
    await storePlan(
      deps.db,
      runId,
      batches.filter((batch) => early.has(batch.batchNo)),
      { headPosition },
    );
    hooks.early?.stored([...early], all);
  }
  await storePlan(
    deps.db,
    runId,
    batches.filter((batch) => !early.has(batch.batchNo)),
    {
      headPosition,
      accounts: snapshot.accounts.length,
      batches: stored.batches + batches.length,
      plannedUnchanged: Math.max(0, evaluation.accounts.length - stored.accountIds.size - changes.length),
      tierCounts: plan.tierCounts,
    },
  );
  if (await finishIfComplete(deps.db, runId, deps.clock())) await storeByTier(deps.db, runId);
  return stored.batches === 0 ? all : pendingBatchNumbers(deps.db, runId);
};
