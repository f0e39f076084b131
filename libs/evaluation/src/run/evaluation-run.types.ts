import type { LifecycleStage, Tier } from '@kam/domain';

export type RunStatus = 'queued' | 'running' | 'done' | 'failed';
/** Who asked for the run: a person at the CLI or API, the schedule, the demo, or the benchmark. */
export type RunTrigger = 'cli' | 'api' | 'schedule' | 'demo' | 'bench';
/** In this process, or fanned out to BullMQ workers. */
export type RunMode = 'in_process' | 'queue';

/** Per tier: accounts placed in it, those changed in it, and those that moved into or out of it. */
export type TierFigures = Readonly<{ accounts: number; changed: number; entered: number; left: number }>;

export type RunProgress = Readonly<{ done: number; total: number }>;

/** A run as `getEvaluationRun` reads it (and `GET /evaluations/{runId}` shows it). */
export type EvaluationRun = Readonly<{
  runId: string;
  status: RunStatus;
  trigger: RunTrigger;
  mode: RunMode;
  asOf: string;
  policyId: string;
  policyVersion: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Null until the run has read the portfolio. */
  progress: RunProgress | null;
  accounts: number | null;
  changed: number | null;
  unchanged: number | null;
  failed: number | null;
  byTier: Readonly<Record<Tier, TierFigures>> | null;
  error: string | null;
}>;

/**
 * What the evaluation wants for one account, computed once for the whole portfolio. The batch
 * that applies it decides again against the account's state as it is then.
 */
export type PlannedChange = Readonly<{
  accountId: string;
  tier: Tier;
  previousTier: Tier | null;
  score: number;
  stage: LifecycleStage;
  previousStage: LifecycleStage;
  winBack: boolean;
  components: Readonly<Record<string, number>>;
  reasons: readonly string[];
  stageReasons: readonly string[];
}>;

export type AccountOutcome = 'changed' | 'unchanged' | 'failed';

/** What `kam evaluate --json` prints; the keys are a contract with users' scripts. */
export type EvaluationSummary = Readonly<{
  runId: string;
  policyVersion: string;
  accounts: number;
  changed: number;
  unchanged: number;
  failed: number;
  seconds: number;
  byTier: Readonly<Record<Tier, TierFigures>>;
}>;
