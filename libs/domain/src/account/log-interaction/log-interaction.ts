import type { LogInteraction } from '../account.commands.js';
import type { InteractionLogged } from '../account.events.js';
import type { RegisteredAccount } from '../account.state.js';
import type { Decision } from '../decision.js';
import { INTERACTION_KINDS, SCENARIOS } from '../vocabulary.js';
import { commandChecks, factOf } from '../validation/command-checks.js';
import {
  invalidFields,
  oneOf,
  optionalOneOf,
  optionalTextList,
  requiredText,
} from '../validation/field-checks.js';

/** Visits, meetings, on-site guidance and training; a repeated interaction id is a retry. */
export const decideLogInteraction = (
  command: LogInteraction,
  state: RegisteredAccount,
): Decision<InteractionLogged> => {
  const { data } = command;
  const invalid = invalidFields(
    commandChecks(command, state),
    requiredText('interactionId', data.interactionId),
    oneOf('kind', data.kind, INTERACTION_KINDS),
    optionalOneOf('scenario', data.scenario, SCENARIOS),
    requiredText('summary', data.summary),
    optionalTextList('participants', data.participants),
  );
  if (invalid) return invalid;
  if (state.interactionIds.has(data.interactionId)) return [];
  const { interactionId, kind, summary } = data;
  const interaction = {
    interactionId,
    kind,
    scenario: data.scenario ?? null,
    summary,
    participants: [...(data.participants ?? [])],
  };
  return [{ type: 'InteractionLogged', data: { ...factOf(command), ...interaction } }];
};
