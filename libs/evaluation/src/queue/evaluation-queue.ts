import { Queue, type JobsOptions } from 'bullmq';
import { isConnectionError } from './connection-errors.js';
import {
  batchJobId,
  EVALUATION_QUEUE,
  planJobId,
  SCHEDULER_ID,
  type EvaluationJob,
  type EvaluationJobData,
} from './evaluation-jobs.js';

export type QueueConnection = Readonly<{
  redisUrl: string;
  /** Redis key prefix; tests give each their own. */
  prefix?: string;
}>;

export const DEFAULT_PREFIX = 'kam';

/** Workers and queues block on Redis: BullMQ needs `maxRetriesPerRequest: null` to wait out an outage. */
export const redisOptions = (connection: QueueConnection) => ({
  url: connection.redisUrl,
  maxRetriesPerRequest: null,
  // Reconnect quickly after an outage, but never give up: the run resumes when Redis is back.
  retryStrategy: (times: number) => Math.min(times * 200, 2000),
});

/** Retries with exponential backoff; failed jobs are kept for inspection, completed ones for a week. */
export const JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: false,
};

/**
 * Names are plain strings to BullMQ (its scheduler ids share the name's type); what goes in is
 * typed by the catalogue through the functions below, and what comes out is checked by the worker.
 */
export type TypedQueue = Queue<EvaluationJobData, unknown, string>;

/**
 * Connection errors repeat on every reconnection attempt, and BullMQ prints each with its stack
 * when nobody listens; whoever waits on the queue reports the outage instead (the worker's link,
 * `kam evaluate`'s reachability check). Other errors are still printed when nobody else listens.
 */
const quietOnConnectionErrors = (queue: TypedQueue): TypedQueue =>
  queue.on('error', (error) => {
    if (!isConnectionError(error) && queue.listenerCount('error') === 1) console.error(error);
  });

export const openQueue = (connection: QueueConnection): TypedQueue =>
  quietOnConnectionErrors(
    new Queue<EvaluationJobData, unknown, string>(EVALUATION_QUEUE, {
      connection: redisOptions(connection),
      prefix: connection.prefix ?? DEFAULT_PREFIX,
      defaultJobOptions: JOB_OPTIONS,
    }),
  );

const add = async (queue: TypedQueue, job: EvaluationJob, jobId: string): Promise<void> => {
  await queue.add(job.name, job.data, { jobId });
};

export const enqueuePlan = (queue: TypedQueue, runId: string): Promise<void> =>
  add(queue, { name: 'evaluation.plan', data: { runId } }, planJobId(runId));

export const enqueueBatches = async (
  queue: TypedQueue,
  runId: string,
  batchNos: readonly number[],
): Promise<void> => {
  if (batchNos.length === 0) return;
  await queue.addBulk(
    batchNos.map((batchNo) => ({
      name: 'evaluation.batch' satisfies EvaluationJob['name'],
      data: { runId, batchNo },
      opts: { ...JOB_OPTIONS, jobId: batchJobId(runId, batchNo) },
    })),
  );
};

/** Creates or updates the nightly (or configured) schedule; idempotent, so every start may call it. */
export const upsertEvaluationSchedule = async (queue: TypedQueue, cron: string): Promise<void> => {
  await queue.upsertJobScheduler(
    SCHEDULER_ID,
    { pattern: cron },
    { name: 'evaluation.scheduled', data: { cron }, opts: JOB_OPTIONS },
  );
};
