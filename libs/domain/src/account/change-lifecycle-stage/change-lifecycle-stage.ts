import type { ChangeLifecycleStage } from '../account.commands.js';
import type { LifecycleStageChanged } from '../account.events.js';
import type { RegisteredAccount } from '../account.state.js';
import type { Decision } from '../decision.js';
import { DomainError } from '../domain-error.js';
import { isLegalTransition, isWinBackTransition } from '../lifecycle.js';
import { LIFECYCLE_STAGES } from '../vocabulary.js';
import { commandChecks, factOf } from '../validation/command-checks.js';
import {
  invalidFields,
  isNonEmptyText,
  oneOf,
  optionalBoolean,
  requiredText,
} from '../validation/field-checks.js';

type Ruling = Readonly<{ override: boolean }> | DomainError;

/**
 * A person may move an account outside the lifecycle (their judgement wins, source 002), but only on
 * purpose: `override` plus a reason. The one move an override cannot make is churn -> acquisition,
 * which is a win-back and has its own command so win-backs stay countable.
 */
const rule = (command: ChangeLifecycleStage, from: RegisteredAccount['stage']): Ruling => {
  const { to, reason, override } = command.data;
  if (isLegalTransition(from, to)) {
    return invalidFields(requiredText('reason', reason)) ?? { override: false };
  }
  if (isWinBackTransition(from, to)) {
    return new DomainError(
      'illegal_stage_transition',
      'churn -> acquisition is a win-back: use WinBackAccount',
    );
  }
  if (override !== true) {
    return new DomainError(
      'illegal_stage_transition',
      `${from} -> ${to} is outside the lifecycle; it needs an override`,
    );
  }
  return isNonEmptyText(reason)
    ? { override: true }
    : new DomainError('override_reason_required', `Overriding ${from} -> ${to} needs a reason`);
};

export const decideChangeLifecycleStage = (
  command: ChangeLifecycleStage,
  state: RegisteredAccount,
): Decision<LifecycleStageChanged> => {
  const { data } = command;
  const invalid = invalidFields(
    commandChecks(command, state),
    oneOf('to', data.to, LIFECYCLE_STAGES),
    optionalBoolean('override', data.override),
  );
  if (invalid) return invalid;
  if (data.to === state.stage) return [];
  const ruling = rule(command, state.stage);
  if (ruling instanceof DomainError) return ruling;
  const change = { from: state.stage, to: data.to, override: ruling.override, reason: data.reason };
  return [{ type: 'LifecycleStageChanged', data: { ...factOf(command), ...change } }];
};
