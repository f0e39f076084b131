/**
 * The job catalogue: every job the evaluation queue carries, as a union of name and data. Job data
 * comes back from Redis as untyped JSON, so `readEvaluationJob` checks it before anything runs.
 */
export type EvaluationJob =
  /** Fired by the job scheduler on KAM_EVALUATION_CRON; the run's id comes from the cron slot. */
  | Readonly<{ name: 'evaluation.scheduled'; data: Readonly<{ cron: string }> }>
  /** The coordinator: evaluates the whole portfolio once and stores the changes in batches. */
  | Readonly<{ name: 'evaluation.plan'; data: Readonly<{ runId: string }> }>
  /** Applies one batch of a run's changes. */
  | Readonly<{ name: 'evaluation.batch'; data: Readonly<{ runId: string; batchNo: number }> }>;

export type EvaluationJobName = EvaluationJob['name'];
export type EvaluationJobData = EvaluationJob['data'];

export const EVALUATION_QUEUE = 'kam-evaluation';
export const SCHEDULER_ID = 'portfolio-evaluation';

/**
 * Deterministic job ids: adding a job whose id exists is a no-op, so a retried coordinator or a
 * recovery pass never queues a batch twice. (BullMQ refuses ':' in custom ids, hence '-'.)
 */
export const planJobId = (runId: string): string => `run-${runId}-plan`;
export const batchJobId = (runId: string, batchNo: number): string => `run-${runId}-batch-${batchNo}`;

export class UnknownEvaluationJobError extends Error {
  override readonly name = 'UnknownEvaluationJobError';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (data: Record<string, unknown>, key: string): string => {
  const value = data[key];
  if (typeof value !== 'string' || value === '') throw new UnknownEvaluationJobError(`job data lacks ${key}`);
  return value;
};

export const readEvaluationJob = (name: string, data: unknown): EvaluationJob => {
  if (!isRecord(data)) throw new UnknownEvaluationJobError(`job ${name} has no data object`);
  switch (name) {
    case 'evaluation.scheduled':
      return { name, data: { cron: text(data, 'cron') } };
    case 'evaluation.plan':
      return { name, data: { runId: text(data, 'runId') } };
    case 'evaluation.batch': {
      const batchNo = data.batchNo;
      if (typeof batchNo !== 'number' || !Number.isInteger(batchNo) || batchNo < 0) {
        throw new UnknownEvaluationJobError('job data lacks a batchNo');
      }
      return { name, data: { runId: text(data, 'runId'), batchNo } };
    }
    default:
      throw new UnknownEvaluationJobError(`unknown evaluation job ${name}`);
  }
};
