import type { CompleteKeyActivity } from '../account.commands.js';
import type { KeyActivityCompleted } from '../account.events.js';
import type { RegisteredAccount } from '../account.state.js';
import type { Decision } from '../decision.js';
import { DomainError } from '../domain-error.js';
import { commandChecks, factOf } from '../validation/command-checks.js';
import { invalidFields, requiredText } from '../validation/field-checks.js';

/** Completing twice records nothing: the first completion is the fact, a second is a retry. */
export const decideCompleteKeyActivity = (
  command: CompleteKeyActivity,
  state: RegisteredAccount,
): Decision<KeyActivityCompleted> => {
  const { data } = command;
  const invalid = invalidFields(
    commandChecks(command, state),
    requiredText('activityId', data.activityId),
    requiredText('outcome', data.outcome),
  );
  if (invalid) return invalid;
  if (state.completedActivityIds.has(data.activityId)) return [];
  if (!state.openActivityIds.has(data.activityId)) {
    return new DomainError(
      'unknown_activity',
      `No key activity ${data.activityId} was planned for this account`,
    );
  }
  return [
    {
      type: 'KeyActivityCompleted',
      data: { ...factOf(command), activityId: data.activityId, outcome: data.outcome },
    },
  ];
};
