import type { TypedQueue } from '../queue/evaluation-queue.js';

export type FailedJobView = Readonly<{
  id: string | null;
  name: string;
  data: unknown;
  failedReason: string;
  attemptsMade: number;
  finishedOn: string | null;
}>;

export type QueueOverview = Readonly<{
  queue: string;
  redis: boolean;
  counts: Readonly<Record<string, number>>;
  workers: number;
  schedulers: readonly Readonly<{ id: string; pattern: string | null; next: string | null }>[];
  failed: readonly FailedJobView[];
}>;

const at = (millis: number | undefined | null): string | null =>
  millis === undefined || millis === null ? null : new Date(millis).toISOString();

/** A read-only look at the evaluation queue, built from BullMQ's own getters. */
export const queueOverview = async (queue: TypedQueue | null, failedLimit = 50): Promise<QueueOverview> => {
  if (queue === null) {
    return { queue: 'kam-evaluation', redis: false, counts: {}, workers: 0, schedulers: [], failed: [] };
  }
  const [counts, workers, schedulers, failed] = await Promise.all([
    queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'),
    queue.getWorkersCount(),
    queue.getJobSchedulers(0, 20),
    queue.getFailed(0, failedLimit - 1),
  ]);
  return {
    queue: queue.name,
    redis: true,
    counts,
    workers,
    schedulers: schedulers.map((scheduler) => ({
      id: scheduler.key,
      pattern: scheduler.pattern ?? null,
      next: at(scheduler.next),
    })),
    failed: failed.map((job) => ({
      id: job.id ?? null,
      name: job.name,
      data: job.data,
      failedReason: job.failedReason,
      attemptsMade: job.attemptsMade,
      finishedOn: at(job.finishedOn),
    })),
  };
};
