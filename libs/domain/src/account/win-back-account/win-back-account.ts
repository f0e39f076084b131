import type { WinBackAccount } from '../account.commands.js';
import type { AccountWonBack } from '../account.events.js';
import type { RegisteredAccount } from '../account.state.js';
import type { Decision } from '../decision.js';
import { DomainError } from '../domain-error.js';
import { canWinBack } from '../lifecycle.js';
import { commandChecks, factOf } from '../validation/command-checks.js';
import { invalidFields, requiredText } from '../validation/field-checks.js';

/** A churned account that orders again is won back (source 002) and restarts at acquisition. */
export const decideWinBackAccount = (
  command: WinBackAccount,
  state: RegisteredAccount,
): Decision<AccountWonBack> => {
  const invalid = invalidFields(commandChecks(command, state), requiredText('reason', command.data.reason));
  if (invalid) return invalid;
  if (!canWinBack(state.stage)) {
    return new DomainError(
      'not_churned',
      `Only a churned account can be won back; this one is in ${state.stage}`,
    );
  }
  return [
    {
      type: 'AccountWonBack',
      data: { ...factOf(command), from: 'churn', to: 'acquisition', reason: command.data.reason },
    },
  ];
};
