import { setTimeout as sleep } from 'node:timers/promises';
import { markFailed } from '../store/evaluation-run.store.js';
import { getEvaluationRun } from '../store/get-evaluation-run.js';
import { createRun, type EvaluationRequest } from './create-run.js';
import type { EvaluationDeps } from './evaluation-deps.js';
import type { EvaluationSummary, RunProgress } from './evaluation-run.types.js';
import { EvaluationRunNotFoundError } from './evaluation.errors.js';
import { planRun } from './plan-run.js';
import { giveUpBatch, processBatch } from './process-batch.js';
import { errorText, summariseRun } from './summarise-run.js';

export type InProcessOptions = Readonly<{
  onProgress?: (progress: RunProgress) => void;
  /** Tries per batch before its remaining accounts count as failed, like a queued job's attempts. */
  attempts?: number;
  backoffMs?: number;
}>;

const processWithRetries = async (
  deps: EvaluationDeps,
  runId: string,
  batchNo: number,
  options: InProcessOptions,
): Promise<number> => {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await processBatch(deps, runId, batchNo);
    } catch (error) {
      if (attempt >= attempts) {
        await giveUpBatch(deps, runId, batchNo, errorText(error));
        return 0;
      }
      await sleep((options.backoffMs ?? 500) * 2 ** (attempt - 1));
    }
  }
};

/**
 * Drives a recorded run to its end in this process: the same coordinator and batch code the
 * workers run, one batch after another. A failure of the coordinator fails the run.
 */
export const driveRun = async (
  deps: EvaluationDeps,
  runId: string,
  options: InProcessOptions = {},
): Promise<void> => {
  let batches: number[];
  try {
    batches = await planRun(deps, runId);
  } catch (error) {
    await markFailed(deps.db, runId, errorText(error), deps.clock());
    return;
  }
  const progress = (await getEvaluationRun(deps.db, runId))?.progress ?? { done: 0, total: 0 };
  const total = progress.total;
  let done = progress.done;
  options.onProgress?.({ done, total });
  for (const batchNo of batches) {
    done += await processWithRetries(deps, runId, batchNo, options);
    options.onProgress?.({ done, total });
  }
};

/** One run now, in this process, waiting for its end: `kam evaluate` without `--queue`, the demo. */
export const runEvaluationInProcess = async (
  deps: EvaluationDeps,
  request: EvaluationRequest,
  options: InProcessOptions = {},
): Promise<EvaluationSummary> => {
  const started = performance.now();
  const { runId } = await createRun(deps, request, 'in_process');
  await driveRun(deps, runId, options);
  const run = await getEvaluationRun(deps.db, runId);
  if (run === null) throw new EvaluationRunNotFoundError(runId);
  return summariseRun(run, (performance.now() - started) / 1000);
};
