import type { UnassignTeamMember } from '../account.commands.js';
import type { TeamMemberUnassigned } from '../account.events.js';
import type { RegisteredAccount } from '../account.state.js';
import type { Decision } from '../decision.js';
import { DomainError } from '../domain-error.js';
import { TEAM_ROLES } from '../vocabulary.js';
import { commandChecks, factOf } from '../validation/command-checks.js';
import { invalidFields, oneOf, requiredText } from '../validation/field-checks.js';

export const decideUnassignTeamMember = (
  command: UnassignTeamMember,
  state: RegisteredAccount,
): Decision<TeamMemberUnassigned> => {
  const { data } = command;
  const invalid = invalidFields(
    commandChecks(command, state),
    oneOf('role', data.role, TEAM_ROLES),
    requiredText('member', data.member),
  );
  if (invalid) return invalid;
  if (!(state.team[data.role] ?? []).includes(data.member)) {
    return new DomainError('member_not_assigned', `${data.member} is not assigned as ${data.role}`);
  }
  return [
    { type: 'TeamMemberUnassigned', data: { ...factOf(command), role: data.role, member: data.member } },
  ];
};
