import { markFailed } from '../store/evaluation-run.store.js';
import { getEvaluationRun } from '../store/get-evaluation-run.js';
import { createRun, type EvaluationRequest } from './create-run.js';
import type { EvaluationDeps } from './evaluation-deps.js';
import type { EvaluationSummary, RunProgress } from './evaluation-run.types.js';
import { EvaluationRunNotFoundError } from './evaluation.errors.js';
import { planRun, type PlanHooks } from './plan-run.js';
import { startBatchThreads, type BatchThreadsConfig } from './batch-threads.js';
import { processBatchWithRetries } from './process-batch.js';
import { errorText, summariseRun } from './summarise-run.js';

export type InProcessOptions = Readonly<{
  onProgress?: (progress: RunProgress) => void;
  /** Tries per batch before its remaining accounts count as failed, like a queued job's attempts. */
  attempts?: number;
  backoffMs?: number;
}>;

const plan = async (deps: EvaluationDeps, runId: string, hooks: PlanHooks): Promise<number[] | null> => {
  try {
    return await planRun(deps, runId, hooks);
  } catch (error) {
    await markFailed(deps.db, runId, errorText(error), deps.clock());
    return null;
  }
};

/** Threads start before the plan, so they load while it is made: decided on the portfolio's size. */
const threadsFor = async (deps: EvaluationDeps): Promise<BatchThreadsConfig | null> => {
  const config = deps.batchThreads;
  if (config === undefined || config.count <= 0) return null;
  const min = config.minAccounts ?? 0;
  return min <= 0 || (await deps.portfolio.accountCount()) >= min ? config : null;
};

/**
 * Drives a recorded run to its end in this process: the same coordinator and batch code the
 * workers run, one batch after another, or shared by worker threads when the deps have some (they
 * start while the run is planned; a batch no thread finished is applied here). A failure of the
 * coordinator fails the run.
 */
export const driveRun = async (
  deps: EvaluationDeps,
  runId: string,
  options: InProcessOptions = {},
): Promise<void> => {
  const config = await threadsFor(deps);
  const threads = config === null ? null : startBatchThreads(config, options);
  try {
    const batches = await plan(deps, runId, { onAccounts: threads?.warm });
    if (batches === null) return;
    const progress = (await getEvaluationRun(deps.db, runId))?.progress ?? { done: 0, total: 0 };
    const total = progress.total;
    let done = progress.done;
    options.onProgress?.({ done, total });
    const settled = (count: number): void => {
      done += count;
      options.onProgress?.({ done, total });
    };
    const left =
      threads === null || batches.length === 0 ? batches : await threads.apply(runId, batches, settled);
    for (const batchNo of left) settled(await processBatchWithRetries(deps, runId, batchNo, options));
  } finally {
    await threads?.close();
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
