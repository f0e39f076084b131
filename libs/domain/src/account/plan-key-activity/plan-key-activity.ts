import type { PlanKeyActivity } from '../account.commands.js';
import type { KeyActivityPlanned } from '../account.events.js';
import type { RegisteredAccount } from '../account.state.js';
import type { Decision } from '../decision.js';
import { ACTIVITY_STRATEGIES } from '../vocabulary.js';
import { commandChecks, factOf } from '../validation/command-checks.js';
import { invalidFields, isoDate, oneOf, optionalText, requiredText } from '../validation/field-checks.js';

/**
 * A key activity of the account plan (source 004). Planning an id that already exists records
 * nothing: it is a retry, and changing a plan is what a review with a revised due date is for.
 */
export const decidePlanKeyActivity = (
  command: PlanKeyActivity,
  state: RegisteredAccount,
): Decision<KeyActivityPlanned> => {
  const { data } = command;
  const invalid = invalidFields(
    commandChecks(command, state),
    requiredText('activityId', data.activityId),
    requiredText('title', data.title),
    oneOf('strategy', data.strategy, ACTIVITY_STRATEGIES),
    isoDate('dueAt', data.dueAt),
    optionalText('assignee', data.assignee),
  );
  if (invalid) return invalid;
  if (state.openActivityIds.has(data.activityId) || state.completedActivityIds.has(data.activityId))
    return [];
  const { activityId, title, strategy, dueAt } = data;
  const activity = { activityId, title, strategy, dueAt, assignee: data.assignee ?? null };
  return [{ type: 'KeyActivityPlanned', data: { ...factOf(command), ...activity } }];
};
