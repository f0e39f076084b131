import { giveUpBatch } from '../run/process-batch.js';
import { finishIfComplete, findRunRow, markFailed, unfinishedRunIds } from '../store/evaluation-run.store.js';
import { storeByTier } from '../store/get-evaluation-run.js';
import { pendingBatchNumbers } from '../store/run-account.store.js';
import { batchJobId, planJobId } from './evaluation-jobs.js';
import { enqueueBatches, enqueuePlan } from './evaluation-queue.js';
import type { WorkerContext } from './evaluation-processor.js';

const failedReason = async (ctx: WorkerContext, jobId: string): Promise<string> =>
  (await ctx.queue.getJob(jobId))?.failedReason ?? 'the job failed';

/** Each returns how many jobs it queued again. */
const resumePlan = async (ctx: WorkerContext, runId: string): Promise<number> => {
  const state = await ctx.queue.getJobState(planJobId(runId));
  if (state === 'failed') {
    await markFailed(ctx.db, runId, await failedReason(ctx, planJobId(runId)), ctx.clock());
  }
  if (state !== 'unknown') return 0;
  await enqueuePlan(ctx.queue, runId);
  return 1;
};

const resumeBatches = async (ctx: WorkerContext, runId: string): Promise<number> => {
  const missing: number[] = [];
  for (const batchNo of await pendingBatchNumbers(ctx.db, runId)) {
    const jobId = batchJobId(runId, batchNo);
    const state = await ctx.queue.getJobState(jobId);
    if (state === 'failed') await giveUpBatch(ctx, runId, batchNo, await failedReason(ctx, jobId));
    else if (state === 'unknown') missing.push(batchNo);
  }
  await enqueueBatches(ctx.queue, runId, missing);
  if (await finishIfComplete(ctx.db, runId, ctx.clock())) await storeByTier(ctx.db, runId);
  return missing.length;
};

export type Resumed = Readonly<{ runId: string; jobs: number }>;

/**
 * SQLite, not Redis, is where a run's progress lives. Redis lost (restarted empty), a coordinator
 * killed between planning and queueing, a batch out of attempts while its worker died: each
 * leaves a run whose jobs are missing or final. This pass puts back what is missing (deterministic
 * ids make that a no-op for jobs that still exist) and settles what can no longer run.
 */
export const resumeQueuedRuns = async (ctx: WorkerContext): Promise<Resumed[]> => {
  const resumed: Resumed[] = [];
  for (const runId of await unfinishedRunIds(ctx.db, 'queue')) {
    const row = await findRunRow(ctx.db, runId);
    if (row === null) continue;
    const jobs = row.accounts === null ? await resumePlan(ctx, runId) : await resumeBatches(ctx, runId);
    if (jobs > 0) resumed.push({ runId, jobs });
  }
  return resumed;
};
