import type { AssignTeamMember } from '../account.commands.js';
import type { TeamMemberAssigned, TeamMemberUnassigned } from '../account.events.js';
import type { RegisteredAccount } from '../account.state.js';
import type { Decision } from '../decision.js';
import { TEAM_ROLES } from '../vocabulary.js';
import { commandChecks, factOf } from '../validation/command-checks.js';
import { invalidFields, oneOf, requiredText } from '../validation/field-checks.js';

/**
 * An account has one owner (source 001: an owner plus roles), so a new owner replaces the old one and
 * the history says so with an explicit unassignment. Other roles may hold several people.
 */
export const decideAssignTeamMember = (
  command: AssignTeamMember,
  state: RegisteredAccount,
): Decision<TeamMemberAssigned | TeamMemberUnassigned> => {
  const { data } = command;
  const invalid = invalidFields(
    commandChecks(command, state),
    oneOf('role', data.role, TEAM_ROLES),
    requiredText('member', data.member),
  );
  if (invalid) return invalid;
  const current = state.team[data.role] ?? [];
  if (current.includes(data.member)) return [];
  const replaced = data.role === 'owner' ? current : [];
  return [
    ...replaced.map((member): TeamMemberUnassigned => ({
      type: 'TeamMemberUnassigned',
      data: { ...factOf(command), role: data.role, member },
    })),
    { type: 'TeamMemberAssigned', data: { ...factOf(command), role: data.role, member: data.member } },
  ];
};
