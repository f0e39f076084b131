import { accountSpec, command, event, registered } from '../../testing/account-fixtures.js';
import type { TeamRole } from '../vocabulary.js';

const unassign = (role: TeamRole, member: string) => command('UnassignTeamMember', { role, member });
const assigned = (role: TeamRole, member: string) => event('TeamMemberAssigned', { role, member });
const unassigned = (role: TeamRole, member: string) => event('TeamMemberUnassigned', { role, member });

describe('UnassignTeamMember', () => {
  it('unassigns a member from a role they hold', () => {
    accountSpec
      .given([registered(), assigned('regional_sales', 'zhang.san')])
      .when(unassign('regional_sales', 'zhang.san'))
      .then([unassigned('regional_sales', 'zhang.san')]);
  });

  it('refuses someone not assigned, or assigned to another role', () => {
    accountSpec.given([registered()]).when(unassign('owner', 'li.wei')).thenThrows('member_not_assigned');
    accountSpec
      .given([registered(), assigned('other', 'li.wei')])
      .when(unassign('owner', 'li.wei'))
      .thenThrows('member_not_assigned');
  });

  it('refuses someone already unassigned', () => {
    accountSpec
      .given([registered(), assigned('owner', 'li.wei'), unassigned('owner', 'li.wei')])
      .when(unassign('owner', 'li.wei'))
      .thenThrows('member_not_assigned');
  });

  it('needs a known role and a member', () => {
    accountSpec
      .given([registered()])
      .when(unassign('boss' as TeamRole, ' '))
      .thenThrows('invalid_field', [
        { field: 'role', rule: 'one_of' },
        { field: 'member', rule: 'required' },
      ]);
  });
});
