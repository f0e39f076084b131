import { setTimeout as sleep } from 'node:timers/promises';
import { finishIfComplete, findRunRow, type RunRow } from '../store/evaluation-run.store.js';
import { storeByTier } from '../store/get-evaluation-run.js';
import { claimOpenChanges, failPending, recordOutcomes } from '../store/run-account.store.js';
import { applyBatch } from './apply-batch.js';
import type { RunInProgress } from './apply-change.js';
import type { BatchDeps } from './evaluation-deps.js';
import { errorText } from './summarise-run.js';

/** Accounts in flight on the one-by-one path, so their appends still share group commits. */
const DEFAULT_CONCURRENCY = 256;

const inProgress = (row: RunRow): RunInProgress => ({
  runId: row.run_id,
  policyId: row.policy_id,
  policyVersion: row.policy_version,
  asOf: row.as_of,
  headPosition: BigInt(row.head_position ?? '-1'),
});

const closeIfComplete = async (deps: BatchDeps, runId: string): Promise<void> => {
  if (await finishIfComplete(deps.db, runId, deps.clock())) await storeByTier(deps.db, runId);
};

/**
 * Applies one batch's pending changes and records each account's outcome; the last batch to
 * finish closes the run. Outcomes reached before a failure are kept, so a retry only redoes the
 * rest, and a change applied but not yet recorded is recognised by its run id, never appended twice.
 */
export const processBatch = async (deps: BatchDeps, runId: string, batchNo: number): Promise<number> => {
  const row = await findRunRow(deps.db, runId);
  // A batch stored ahead of the rest of its plan is applied before the plan is complete.
  if (row === null || row.status !== 'running') return 0;
  const run = inProgress(row);
  const changes = await claimOpenChanges(deps.db, runId, batchNo, deps.clock());
  const { results, failure } = await applyBatch(deps, run, changes, deps.concurrency ?? DEFAULT_CONCURRENCY);
  await recordOutcomes(deps.db, runId, batchNo, changes, results);
  if (failure !== null) throw failure.error;
  await closeIfComplete(deps, runId);
  return results.length;
};

/** A batch out of attempts: what it had not applied counts as failed, and the run can close. */
export const giveUpBatch = async (
  deps: BatchDeps,
  runId: string,
  batchNo: number,
  reason: string,
): Promise<void> => {
  await failPending(deps.db, runId, batchNo, reason);
  await closeIfComplete(deps, runId);
};

/** Tries per batch before its remaining accounts count as failed, like a queued job's attempts. */
export type BatchRetries = Readonly<{ attempts?: number; backoffMs?: number }>;

/**
 * One batch in this process, retried with backoff; out of attempts, what it had not applied counts
 * as failed and the run goes on. Returns how many accounts it settled.
 */
export const processBatchWithRetries = async (
  deps: BatchDeps,
  runId: string,
  batchNo: number,
  retries: BatchRetries = {},
): Promise<number> => {
  const attempts = retries.attempts ?? 3;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await processBatch(deps, runId, batchNo);
    } catch (error) {
      if (attempt >= attempts) {
        await giveUpBatch(deps, runId, batchNo, errorText(error));
        return 0;
      }
      await sleep((retries.backoffMs ?? 500) * 2 ** (attempt - 1));
    }
  }
};
