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
 * start while the run is planned, load its accounts meanwhile, and begin on the first batches
 * while the rest of the plan is stored; a batch no thread finished is applied here). A failure of
 * the coordinator fails the run.
 */
export const driveRun = async (
  deps: EvaluationDeps,
  runId: string,
  options: InProcessOptions = {},
): Promise<void> => {
  const config = await threadsFor(deps);
  const threads = config === null ? null : startBatchThreads(config, options);
  let total: number | null = null;
  let done = 0;
  const settled = (count: number): void => {
    done += count;
    if (total !== null) options.onProgress?.({ done, total });
  };
  let markRest: (stored: boolean) => void = () => undefined;
  const rest = new Promise<boolean>((resolve) => (markRest = resolve));
  let applying: Promise<number[]> | null = null;
  try {
    const hooks: PlanHooks =
      threads === null
        ? {}
        : {
            onAccounts: threads.warm,
            early: {
              pick: threads.early,
              stored: (early, all) => {
                applying = threads.apply(runId, all, settled, { stored: new Set(early), rest });
              },
            },
          };
    const batches = await plan(deps, runId, hooks);
    markRest(batches !== null);
    if (batches === null) {
      await applying;
      return;
    }
    const progress = (await getEvaluationRun(deps.db, runId))?.progress ?? { done: 0, total: 0 };
    total = progress.total;
    // Batches let go early are a plan stored from nothing: all that is settled was settled here,
    // and counted as it was reported (the run's own count may hold one not reported yet).
    if (applying === null) done = progress.done;
    options.onProgress?.({ done, total });
    const left =
      applying ??
      (threads === null || batches.length === 0 ? batches : threads.apply(runId, batches, settled));
    for (const batchNo of await left) settled(await processBatchWithRetries(deps, runId, batchNo, options));
  } finally {
    markRest(false);
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
