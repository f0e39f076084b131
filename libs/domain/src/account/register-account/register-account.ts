import type { RegisterAccount } from '../account.commands.js';
import type { AccountRegistered } from '../account.events.js';
import type { Account } from '../account.state.js';
import type { Decision } from '../decision.js';
import { DomainError } from '../domain-error.js';
import { commandChecks, factOf } from '../validation/command-checks.js';
import { invalidFields, optionalText, requiredText } from '../validation/field-checks.js';

/** A new account starts in acquisition (evolve sets it): there is no stage to choose at registration. */
export const decideRegisterAccount = (
  command: RegisterAccount,
  state: Account,
): Decision<AccountRegistered> => {
  if (state.status === 'Active') {
    return new DomainError('account_already_registered', `Account ${state.accountId} is already registered`);
  }
  const { data } = command;
  const invalid = invalidFields(
    commandChecks(command, null),
    requiredText('name', data.name),
    requiredText('industry', data.industry),
    requiredText('region', data.region),
    optionalText('source', data.source),
  );
  if (invalid) return invalid;
  return [
    {
      type: 'AccountRegistered',
      data: {
        ...factOf(command),
        name: data.name,
        industry: data.industry,
        region: data.region,
        source: data.source ?? null,
      },
    },
  ];
};
