import {
  decideNext,
  deterministicUuid,
  startDecision,
  type AccountDecision,
  type LoadedAccount,
} from '@kam/application';
import { isLegalTransition, type Account, type AccountCommand } from '@kam/domain';
import type { DemoStep } from './demo-account-simulation.js';

/** Turns the team's intent into a command only when it still makes sense for the state reached. */
export const resolveStep = (
  step: DemoStep,
  state: Account,
  accountId: string,
  now: string,
): AccountCommand | null => {
  if (step.kind === 'command') return step.command;
  if (state.status !== 'Active') return null;
  const data = { accountId, occurredAt: step.occurredAt, reason: step.reason };
  if (step.kind === 'win-back')
    return state.stage === 'churn' ? { type: 'WinBackAccount', data, metadata: { now } } : null;
  if (state.stage === step.to || !isLegalTransition(state.stage, step.to)) return null;
  return { type: 'ChangeLifecycleStage', data: { ...data, to: step.to }, metadata: { now } };
};

/**
 * One account's month decided command by command, each on the state the one before it left, as
 * the command path would have recorded them one at a time: same events, ids and metadata.
 */
export const decideAccountMonth = (
  loaded: LoadedAccount,
  accountId: string,
  steps: readonly DemoStep[],
  m: number,
  now: string,
  seed: number,
): AccountDecision => {
  let decision = startDecision(accountId, loaded);
  for (const [index, step] of steps.entries()) {
    const command = resolveStep(step, decision.state, accountId, now);
    if (command === null) continue;
    const id = deterministicUuid('kam-demo', String(seed), accountId, String(m), String(index));
    decision = decideNext(decision, command, {
      actor: step.actor,
      reason: step.kind === 'command' ? (step.reason ?? null) : step.reason,
      correlationId: id,
      causationId: id,
      eventIds: (i) => deterministicUuid(id, String(i)),
    });
  }
  return decision;
};
