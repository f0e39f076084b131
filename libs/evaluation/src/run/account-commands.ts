import type {
  AccountCommand,
  InferLifecycleStage,
  ReclassifyAccount,
  RegisteredAccount,
  WinBackAccount,
} from '@kam/domain';
import type { PlannedChange } from './evaluation-run.types.js';

export type RunIdentity = Readonly<{ runId: string; policyId: string; policyVersion: string; asOf: string }>;

const reclassify = (change: PlannedChange, run: RunIdentity, now: string): ReclassifyAccount => ({
  type: 'ReclassifyAccount',
  data: {
    accountId: change.accountId,
    occurredAt: run.asOf,
    tier: change.tier,
    score: change.score,
    components: change.components,
    reasons: change.reasons,
    policyId: run.policyId,
    policyVersion: run.policyVersion,
    runId: run.runId,
  },
  metadata: { now },
});

const infer = (change: PlannedChange, run: RunIdentity, now: string): InferLifecycleStage => ({
  type: 'InferLifecycleStage',
  data: {
    accountId: change.accountId,
    occurredAt: run.asOf,
    to: change.stage,
    runId: run.runId,
    policyId: run.policyId,
    policyVersion: run.policyVersion,
    reasons: change.stageReasons,
  },
  metadata: { now },
});

const winBack = (change: PlannedChange, run: RunIdentity, now: string): WinBackAccount => ({
  type: 'WinBackAccount',
  data: {
    accountId: change.accountId,
    occurredAt: run.asOf,
    reason: change.stageReasons.join('; ') || 'ordered again after churning',
  },
  metadata: { now },
});

/** The tier is the run's to set: the decider records it only when the tier or the score moves. */
export const reclassifyCommand = reclassify;

/** Whether the evaluation wants the account's stage moved at all. */
export const movesStage = (change: PlannedChange): boolean =>
  change.winBack || change.stage !== change.previousStage;

/**
 * The stage command for the account as it is now, or null. The run's inference was about the stage
 * it read; if the stage moved since (someone set it by hand), that inference is about a stage that
 * is gone, and manual changes win, so it records none.
 */
export const stageCommand = (
  change: PlannedChange,
  state: RegisteredAccount,
  run: RunIdentity,
  now: string,
): AccountCommand | null => {
  if (state.stage !== change.previousStage) return null;
  if (change.winBack) return state.stage === 'churn' ? winBack(change, run, now) : null;
  return change.stage === state.stage ? null : infer(change, run, now);
};
