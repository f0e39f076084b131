import type { PolicyDocument } from '@kam/policies';
import type { EvaluationDeps } from '../run/evaluation-deps.js';
import { planRun } from '../run/plan-run.js';
import { giveUpBatch, processBatch } from '../run/process-batch.js';
import { recordScheduledRun } from '../run/scheduled-run.js';
import { errorText } from '../run/summarise-run.js';
import { markFailed } from '../store/evaluation-run.store.js';
import type { EvaluationJob } from './evaluation-jobs.js';
import { enqueueBatches, enqueuePlan, type TypedQueue } from './evaluation-queue.js';

export type WorkerContext = EvaluationDeps &
  Readonly<{
    queue: TypedQueue;
    /** The active policy as this worker is configured (KAM_POLICY_FILE or the default). */
    loadPolicy: () => Promise<PolicyDocument>;
  }>;

/** Where the job is in its attempts, and (for a scheduled job) which cron slot fired it. */
export type JobAttempt = Readonly<{ isLastAttempt: boolean; firedAt: Date }>;

const onScheduled = async (ctx: WorkerContext, attempt: JobAttempt): Promise<void> => {
  const { runId } = await recordScheduledRun(ctx, attempt.firedAt, await ctx.loadPolicy(), 'queue');
  await enqueuePlan(ctx.queue, runId);
};

const onPlan = async (ctx: WorkerContext, runId: string, attempt: JobAttempt): Promise<void> => {
  try {
    await enqueueBatches(ctx.queue, runId, await planRun(ctx, runId));
  } catch (error) {
    if (attempt.isLastAttempt) await markFailed(ctx.db, runId, errorText(error), ctx.clock());
    throw error;
  }
};

const onBatch = async (
  ctx: WorkerContext,
  runId: string,
  batchNo: number,
  attempt: JobAttempt,
): Promise<void> => {
  try {
    await processBatch(ctx, runId, batchNo);
  } catch (error) {
    if (attempt.isLastAttempt) await giveUpBatch(ctx, runId, batchNo, errorText(error));
    throw error;
  }
};

/** Dispatches one job of the catalogue; processors only call the run's own functions. */
export const processEvaluationJob = async (
  ctx: WorkerContext,
  job: EvaluationJob,
  attempt: JobAttempt,
): Promise<void> => {
  switch (job.name) {
    case 'evaluation.scheduled':
      return onScheduled(ctx, attempt);
    case 'evaluation.plan':
      return onPlan(ctx, job.data.runId, attempt);
    case 'evaluation.batch':
      return onBatch(ctx, job.data.runId, job.data.batchNo, attempt);
  }
};
