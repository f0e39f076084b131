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

/**
 * The commands for one account, decided against its state as it is now. The tier is the run's to
 * set, so the reclassification applies to whatever state a person left. The stage is not: if the
 * stage moved since the run read the portfolio (someone set it by hand), the run's inference was
 * about a stage that is gone, and manual changes win, so it records none.
 */
export const commandsFor = (
  change: PlannedChange,
  state: RegisteredAccount,
  run: RunIdentity,
  now: string,
): AccountCommand[] => {
  const commands: AccountCommand[] = [];
  if (change.tier !== state.tier || change.score !== state.score) commands.push(reclassify(change, run, now));
  const stageAsRead = state.stage === change.previousStage;
  if (stageAsRead && change.winBack && state.stage === 'churn') commands.push(winBack(change, run, now));
  else if (stageAsRead && !change.winBack && change.stage !== state.stage)
    commands.push(infer(change, run, now));
  return commands;
};
