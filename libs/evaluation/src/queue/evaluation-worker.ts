import { setTimeout as sleep } from 'node:timers/promises';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { EVALUATION_QUEUE, readEvaluationJob, UnknownEvaluationJobError } from './evaluation-jobs.js';
import type { EvaluationJob, EvaluationJobData } from './evaluation-jobs.js';
import { processEvaluationJob, type WorkerContext } from './evaluation-processor.js';
import { DEFAULT_PREFIX, openQueue, redisOptions, type QueueConnection } from './evaluation-queue.js';
import { explainWorkerError, isConnectionError, watchRedisLink } from './redis-link.js';
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
    /** On stop, how long to wait for Redis to take the results of the jobs in hand. */
    letGoMs?: number;
    log?: (line: string) => void;
  }>;

export type RunningWorker = Readonly<{
  worker: Worker<EvaluationJobData, unknown, string>;
  close: () => Promise<void>;
}>;

type EvaluationBullJob = Job<EvaluationJobData, unknown, string>;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Settles with `true` when the promise does, or `false` once `ms` have passed. */
const within = (promise: Promise<unknown>, ms: number): Promise<boolean> =>
  Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    sleep(ms, false, { ref: false }),
  ]);

/** A job this code cannot read will not read better on a retry. */
const readJob = (job: EvaluationBullJob): EvaluationJob => {
  try {
    return readEvaluationJob(job.name, job.data);
  } catch (error) {
    if (error instanceof UnknownEvaluationJobError) throw new UnrecoverableError(error.message);
    throw error;
  }
};

/**
 * The jobs whose processor runs here, and those whose result Redis has not taken yet. A stop
 * waits for the first (a batch is never cut off) and, for a while, for the second.
 */
const jobsInHand = () => {
  const working = new Set<Promise<unknown>>();
  const unrecorded = new Set<string>();
  return {
    track: (jobId: string, work: Promise<void>): Promise<void> => {
      unrecorded.add(jobId);
      working.add(work);
      work.then(
        () => working.delete(work),
        () => working.delete(work),
      );
      return work;
    },
    recorded: (jobId: string | undefined): void => {
      if (jobId !== undefined) unrecorded.delete(jobId);
    },
    /** BullMQ names the job when Redis refuses its result; that job will not be recorded here. */
    refused: (text: string): void => {
      for (const jobId of unrecorded) if (text.includes(jobId)) unrecorded.delete(jobId);
    },
    finished: async (): Promise<void> => {
      while (working.size > 0) await Promise.allSettled([...working]);
    },
    recordedWithin: async (ms: number): Promise<number> => {
      const deadline = Date.now() + ms;
      while (unrecorded.size > 0 && Date.now() < deadline) await sleep(50);
      return unrecorded.size;
    },
  };
};

/**
 * Recovery passes, one at a time, and none while Redis is away (it would only queue commands on
 * a dead connection). A pass still waiting on Redis long after it started does not hold the next
 * ones back: an older design chained every pass behind the last, so one call that never settled
 * stopped recovery for good.
 */
const recoveryPasses = (
  ctx: WorkerContext,
  log: (line: string) => void,
  redisUp: () => boolean,
  stuckAfterMs: number,
) => {
  let pass: Readonly<{ startedAt: number; done: Promise<void> }> | null = null;
  const run = (): void => {
    if (!redisUp()) return;
    if (pass !== null) {
      const waited = Date.now() - pass.startedAt;
      if (waited < stuckAfterMs) return;
      log(`recovery: a pass has waited on Redis for ${Math.round(waited / 1000)} s; starting another`);
    }
    const done = resumeQueuedRuns(ctx)
      .then((resumed) => {
        for (const { runId, jobs } of resumed) log(`run ${runId}: queued ${jobs} missing job(s) again`);
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error && isConnectionError(error))) log(`recovery: ${message(error)}`);
      })
      .finally(() => {
        if (pass?.done === done) pass = null;
      });
    pass = { startedAt: Date.now(), done };
  };
  return { run, drained: (): Promise<void> => pass?.done ?? Promise.resolve() };
};

/** Starts a BullMQ worker on the evaluation queue, with its recovery pass; `close` drains it. */
export const startEvaluationWorker = (
  deps: Omit<WorkerContext, 'queue'>,
  options: EvaluationWorkerOptions,
): RunningWorker => {
  const log = options.log ?? (() => undefined);
  const queue = openQueue(options);
  const ctx: WorkerContext = { ...deps, queue };
  const inHand = jobsInHand();
  let stopping = false;
  const processor = async (job: EvaluationBullJob): Promise<void> => {
    // Fetched between the pause and the close: this attempt fails and the job is retried after its
    // backoff, by a worker that is not stopping, rather than started here and cut off.
    if (stopping) throw new Error('the worker is stopping');
    log(`job ${job.id ?? '?'} started (attempt ${job.attemptsMade + 1})`);
    await inHand.track(
      job.id ?? '?',
      processEvaluationJob(ctx, readJob(job), {
        isLastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
        firedAt: new Date(job.opts.prevMillis ?? job.timestamp),
      }),
    );
  };
  const worker = new Worker<EvaluationJobData, unknown, string>(EVALUATION_QUEUE, processor, {
    connection: redisOptions(options),
    prefix: options.prefix ?? DEFAULT_PREFIX,
    concurrency: options.concurrency ?? 1,
    lockDuration: options.lockDurationMs ?? 15_000,
    stalledInterval: options.stalledIntervalMs ?? 5_000,
    maxStalledCount: 3,
  });
  const recoverEveryMs = options.recoverEveryMs ?? 10_000;
  const recovery = recoveryPasses(ctx, log, () => link.isUp(), Math.max(30_000, 5 * recoverEveryMs));
  // Redis back (maybe empty): put back what it lost now, not at the next tick.
  const link = watchRedisLink(options, log, () => recovery.run());
  worker.on('completed', (job) => inHand.recorded(job.id));
  worker.on('failed', (job, error) => {
    inHand.recorded(job?.id);
    log(`job ${job?.id ?? '?'} failed: ${error.message}`);
  });
  // Connection errors repeat on every reconnection attempt; the link reports the outage once.
  worker.on('error', (error) => {
    if (isConnectionError(error)) return;
    inHand.refused(error.message);
    log(explainWorkerError(error.message));
  });
  queue.on('error', (error) => {
    if (!isConnectionError(error)) log(`queue: ${error.message}`);
  });
  recovery.run();
  const timer = setInterval(recovery.run, recoverEveryMs);
  const letGoMs = options.letGoMs ?? 5_000;
  return {
    worker,
    /**
     * Finishes the jobs in hand, then lets go of Redis without waiting on it: BullMQ's graceful
     * close waits for its blocking connection to end, and ioredis never ends a connection that is
     * between two reconnection attempts, so a stop during (or just after) an outage hung forever.
     */
    close: async () => {
      stopping = true;
      clearInterval(timer);
      await worker.pause(true);
      await inHand.finished();
      const unrecorded = await inHand.recordedWithin(letGoMs);
      if (unrecorded > 0) {
        log(
          `stopping before Redis took the result of ${unrecorded} job(s): their outcome is in SQLite, and a retry finds nothing left to do`,
        );
      }
      link.close();
      await worker.close(true);
      await within(recovery.drained(), letGoMs);
      if (!(await within(queue.close(), letGoMs))) void queue.disconnect().catch(() => undefined);
    },
  };
};
