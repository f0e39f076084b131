import type { UpdateProfile } from '../account.commands.js';
import type { AccountProfile, AccountProfileUpdated } from '../account.events.js';
import type { RegisteredAccount } from '../account.state.js';
import type { Decision } from '../decision.js';
import { commandChecks, factOf } from '../validation/command-checks.js';
import { invalidFields } from '../validation/field-checks.js';
import { profileChecks } from './profile-checks.js';

/** Drops keys set to undefined, so the event survives a JSON round trip unchanged. */
const definedFields = (profile: AccountProfile): AccountProfile =>
  Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined)) as AccountProfile;

/** Background and product fit (source 000); each update carries only the fields it changes. */
export const decideUpdateProfile = (
  command: UpdateProfile,
  state: RegisteredAccount,
): Decision<AccountProfileUpdated> => {
  const invalid = invalidFields(commandChecks(command, state), profileChecks(command.data.profile));
  if (invalid) return invalid;
  return [
    {
      type: 'AccountProfileUpdated',
      data: { ...factOf(command), profile: definedFields(command.data.profile) },
    },
  ];
};
