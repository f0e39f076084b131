import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { EVALUATION_QUEUE, readEvaluationJob, UnknownEvaluationJobError } from './evaluation-jobs.js';
import type { EvaluationJob, EvaluationJobData } from './evaluation-jobs.js';
import { processEvaluationJob, type WorkerContext } from './evaluation-processor.js';
import { DEFAULT_PREFIX, openQueue, redisOptions, type QueueConnection } from './evaluation-queue.js';
import { resumeQueuedRuns } from './run-recovery.js';

export type EvaluationWorkerOptions = QueueConnection &
  Readonly<{
    /** Jobs this process runs at once; each batch already applies many accounts concurrently. */
    concurrency?: number;
    /** How long a job stays locked without renewal; a killed worker's batch is retried after it. */
    lockDurationMs?: number;
    stalledIntervalMs?: number;
    /** How often to look for runs whose jobs Redis lost. */
    recoverEveryMs?: number;
    log?: (line: string) => void;
  }>;

export type RunningWorker = Readonly<{
  worker: Worker<EvaluationJobData, unknown, string>;
  close: () => Promise<void>;
}>;

type EvaluationBullJob = Job<EvaluationJobData, unknown, string>;

/** A job this code cannot read will not read better on a retry. */
const readJob = (job: EvaluationBullJob): EvaluationJob => {
  try {
    return readEvaluationJob(job.name, job.data);
  } catch (error) {
    if (error instanceof UnknownEvaluationJobError) throw new UnrecoverableError(error.message);
    throw error;
  }
};

const processor = (ctx: WorkerContext, log: (line: string) => void) => async (job: EvaluationBullJob) => {
  log(`job ${job.id ?? '?'} started (attempt ${job.attemptsMade + 1})`);
  await processEvaluationJob(ctx, readJob(job), {
    isLastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
    firedAt: new Date(job.opts.prevMillis ?? job.timestamp),
  });
};

/** Starts a BullMQ worker on the evaluation queue, with its recovery pass; `close` drains it. */
export const startEvaluationWorker = (
  deps: Omit<WorkerContext, 'queue'>,
  options: EvaluationWorkerOptions,
): RunningWorker => {
  const log = options.log ?? (() => undefined);
  const queue = openQueue(options);
  const ctx: WorkerContext = { ...deps, queue };
  const worker = new Worker<EvaluationJobData, unknown, string>(EVALUATION_QUEUE, processor(ctx, log), {
    connection: redisOptions(options),
    prefix: options.prefix ?? DEFAULT_PREFIX,
    concurrency: options.concurrency ?? 1,
    lockDuration: options.lockDurationMs ?? 15_000,
    stalledInterval: options.stalledIntervalMs ?? 5_000,
    maxStalledCount: 3,
  });
  worker.on('failed', (job, error) => log(`job ${job?.id ?? '?'} failed: ${error.message}`));
  worker.on('error', (error) => log(`worker: ${error.message}`));
  queue.on('error', (error) => log(`queue: ${error.message}`));
  let recovering: Promise<unknown> = Promise.resolve();
  const recover = (): void => {
    recovering = recovering
      .then(() => resumeQueuedRuns(ctx))
      .then((resumed) => {
        for (const { runId, jobs } of resumed) log(`run ${runId}: queued ${jobs} missing job(s) again`);
      })
      .catch((error: unknown) => log(`recovery: ${error instanceof Error ? error.message : String(error)}`));
  };
  recover();
  const timer = setInterval(recover, options.recoverEveryMs ?? 10_000);
  return {
    worker,
    close: async () => {
      clearInterval(timer);
      await worker.close();
      await recovering;
      await queue.close();
    },
  };
};
