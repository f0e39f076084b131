import { policyVersion, type PolicyDocument } from '@kam/policies';
import { insertRun } from '../store/evaluation-run.store.js';
import { assertAsOfNotInFuture } from './evaluation.errors.js';
import type { RunMode, RunTrigger } from './evaluation-run.types.js';
import type { EvaluationDeps } from './evaluation-deps.js';
import { DEFAULT_BATCH_SIZE } from './plan-changes.js';
import { newRunId } from './run-ids.js';

export type EvaluationRequest = Readonly<{
  /** Defaults to a fresh UUID; scheduled and demo runs pass a deterministic one. */
  runId?: string;
  /** Business date of the evaluation; defaults to now, and a future date is refused. */
  asOf?: Date;
  policy: PolicyDocument;
  trigger: RunTrigger;
  /** Accounts per batch job (default 1,000). */
  batchSize?: number;
}>;

export type CreatedRun = Readonly<{ runId: string; asOf: Date; policyVersion: string; created: boolean }>;

/** Records the run as queued. `created` is false when that id already ran (or runs) elsewhere. */
export const createRun = async (
  deps: EvaluationDeps,
  request: EvaluationRequest,
  mode: RunMode,
): Promise<CreatedRun> => {
  const now = deps.clock();
  const asOf = request.asOf ?? now;
  assertAsOfNotInFuture(asOf, now);
  const runId = request.runId ?? newRunId();
  const version = policyVersion(request.policy);
  const created = await insertRun(deps.db, {
    run_id: runId,
    trigger: request.trigger,
    mode,
    as_of: asOf.toISOString(),
    policy_id: request.policy.id,
    policy_version: version,
    policy_json: JSON.stringify(request.policy),
    created_at: now.toISOString(),
    batch_size: request.batchSize ?? deps.batchSize ?? DEFAULT_BATCH_SIZE,
  });
  return { runId, asOf, policyVersion: version, created };
};
