export type {
  AccountOutcome,
  EvaluationRun,
  EvaluationSummary,
  PlannedChange,
  RunMode,
  RunProgress,
  RunStatus,
  RunTrigger,
  TierFigures,
} from './run/evaluation-run.types.js';
export {
  assertAsOfNotInFuture,
  EvaluationRequestError,
  EvaluationRunFailedError,
  EvaluationRunNotFoundError,
} from './run/evaluation.errors.js';
export type { EvaluationDeps, PortfolioSource } from './run/evaluation-deps.js';
export { createRun, type CreatedRun, type EvaluationRequest } from './run/create-run.js';
export { driveRun, runEvaluationInProcess, type InProcessOptions } from './run/run-in-process.js';
export { dryRunEvaluation } from './run/dry-run.js';
export { planRun } from './run/plan-run.js';
export { processBatch } from './run/process-batch.js';
export { newRunId, quarterEndRunId, runEventId, scheduledRunId } from './run/run-ids.js';
export { readModelPortfolio } from './run/read-model-portfolio.js';
export { summariseRun } from './run/summarise-run.js';

export { ensureEvaluationTables, type EvaluationDatabase } from './store/evaluation-tables.js';
export { openEvaluationStore } from './store/open-evaluation-store.js';
export { getEvaluationRun } from './store/get-evaluation-run.js';
export {
  openEvaluationEnvironment,
  type EvaluationEnvironment,
  type EvaluationEnvironmentOptions,
} from './open-evaluation.js';

export {
  BUILT_IN_POLICY_SOURCE,
  loadActivePolicy,
  loadPolicyFile,
  type LoadedPolicy,
} from './policy/active-policy.js';

export {
  batchJobId,
  EVALUATION_QUEUE,
  planJobId,
  readEvaluationJob,
  SCHEDULER_ID,
  type EvaluationJob,
  type EvaluationJobName,
} from './queue/evaluation-jobs.js';
export {
  enqueuePlan,
  JOB_OPTIONS,
  openQueue,
  upsertEvaluationSchedule,
  type QueueConnection,
  type TypedQueue,
} from './queue/evaluation-queue.js';
export { processEvaluationJob, type WorkerContext } from './queue/evaluation-processor.js';
export {
  startEvaluationWorker,
  type EvaluationWorkerOptions,
  type RunningWorker,
} from './queue/evaluation-worker.js';
export { QueueUnreachableError } from './queue/queue-reachable.js';
export { resumeQueuedRuns } from './queue/run-recovery.js';
export { startEvaluationRun, type RunLauncher, type StartedRun } from './queue/start-evaluation-run.js';
export { waitForRun, type WaitForRunOptions } from './queue/wait-for-run.js';
export {
  startInProcessSchedule,
  startQueueSchedule,
  type ScheduleHandle,
} from './schedule/evaluation-schedule.js';

export {
  EVALUATION_ENVIRONMENT,
  EVALUATION_QUEUE as EVALUATION_QUEUE_TOKEN,
} from './nest/evaluation.tokens.js';
export { EvaluationModule, type EvaluationModuleOptions } from './nest/evaluation.module.js';
export { EvaluationService, type EvaluationInput } from './nest/evaluation.service.js';
export { EvaluationScheduler } from './nest/evaluation-scheduler.service.js';
export { QueueViewModule } from './queue-view/queue-view.module.js';
export { queueOverview, type QueueOverview } from './queue-view/queue-overview.js';
export {
  openQuarterEndEvaluator,
  type QuarterEndEvaluator,
  type QuarterEndEvaluatorOptions,
} from './demo/quarter-end-evaluation.js';
export {
  runEvaluateBenchmark,
  type EvaluateBenchmark,
  type EvaluateBenchmarkOptions,
  type EvaluateFigures,
  type AgainstCeiling,
} from './bench/evaluate.bench.js';
export { type EvaluateCeiling } from './bench/evaluate-ceiling.js';
