import type { ReviewKeyActivity } from '../account.commands.js';
import type { KeyActivityReviewed } from '../account.events.js';
import type { RegisteredAccount } from '../account.state.js';
import type { Decision } from '../decision.js';
import { DomainError } from '../domain-error.js';
import { commandChecks, factOf } from '../validation/command-checks.js';
import { invalidFields, optionalIsoDate, requiredText } from '../validation/field-checks.js';

/**
 * Key activities are reviewed and revised on a schedule (source 004), done or not: reviewing a
 * completed activity evaluates its effect, so only an activity never planned is refused.
 */
export const decideReviewKeyActivity = (
  command: ReviewKeyActivity,
  state: RegisteredAccount,
): Decision<KeyActivityReviewed> => {
  const { data } = command;
  const invalid = invalidFields(
    commandChecks(command, state),
    requiredText('activityId', data.activityId),
    requiredText('evaluation', data.evaluation),
    optionalIsoDate('revisedDueAt', data.revisedDueAt),
  );
  if (invalid) return invalid;
  if (!state.openActivityIds.has(data.activityId) && !state.completedActivityIds.has(data.activityId)) {
    return new DomainError(
      'unknown_activity',
      `No key activity ${data.activityId} was planned for this account`,
    );
  }
  const review = {
    activityId: data.activityId,
    evaluation: data.evaluation,
    revisedDueAt: data.revisedDueAt ?? null,
  };
  return [{ type: 'KeyActivityReviewed', data: { ...factOf(command), ...review } }];
};
