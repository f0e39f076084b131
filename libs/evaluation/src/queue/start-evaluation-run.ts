import { createRun, type EvaluationRequest } from '../run/create-run.js';
import type { EvaluationDeps } from '../run/evaluation-deps.js';
import { driveRun } from '../run/run-in-process.js';
import { enqueuePlan, type TypedQueue } from './evaluation-queue.js';
import { assertQueueReachable } from './queue-reachable.js';

export type StartedRun = Readonly<{ runId: string; status: 'queued'; policyVersion: string; asOf: string }>;

export type RunLauncher = Readonly<{
  /** With Redis: the workers run it. Without: this process runs it in the background. */
  queue: TypedQueue | null;
  /** Where a background run's promise goes, so a shutdown can wait for it. */
  track?: (running: Promise<void>) => void;
}>;

/**
 * Starts a run and returns at once with its id (for `POST /evaluations`); its progress and figures
 * are read with `getEvaluationRun`. A future `asOf`, or a queue whose Redis does not answer, is
 * refused before anything is recorded.
 */
export const startEvaluationRun = async (
  deps: EvaluationDeps,
  request: EvaluationRequest,
  launcher: RunLauncher,
): Promise<StartedRun> => {
  if (launcher.queue !== null) await assertQueueReachable(launcher.queue);
  const created = await createRun(deps, request, launcher.queue === null ? 'in_process' : 'queue');
  if (launcher.queue !== null) await enqueuePlan(launcher.queue, created.runId);
  else launcher.track?.(driveRun(deps, created.runId));
  return {
    runId: created.runId,
    status: 'queued',
    policyVersion: created.policyVersion,
    asOf: created.asOf.toISOString(),
  };
};
