import { accountSpec, command, event, registered } from '../../testing/account-fixtures.js';
import type { TeamRole } from '../vocabulary.js';

const assign = (role: TeamRole, member: string) => command('AssignTeamMember', { role, member });
const assigned = (role: TeamRole, member: string) => event('TeamMemberAssigned', { role, member });
const unassigned = (role: TeamRole, member: string) => event('TeamMemberUnassigned', { role, member });

describe('AssignTeamMember', () => {
  it('assigns a member to a role', () => {
    accountSpec
      .given([registered()])
      .when(assign('regional_sales', 'zhang.san'))
      .then([assigned('regional_sales', 'zhang.san')]);
  });

  it('records nothing when the member already holds that role', () => {
    accountSpec
      .given([registered(), assigned('owner', 'li.wei')])
      .when(assign('owner', 'li.wei'))
      .thenNothing();
  });

  it('lets the same person hold another role, and a role hold several people', () => {
    accountSpec
      .given([registered(), assigned('solution_sales', 'li.wei')])
      .when(assign('solution_sales', 'wang.fang'))
      .then([assigned('solution_sales', 'wang.fang')]);
    accountSpec
      .given([registered(), assigned('owner', 'li.wei')])
      .when(assign('other', 'li.wei'))
      .then([assigned('other', 'li.wei')]);
  });

  it('replaces the one owner, recording that the previous owner left the role', () => {
    accountSpec
      .given([registered(), assigned('owner', 'li.wei')])
      .when(assign('owner', 'wang.fang'))
      .then([unassigned('owner', 'li.wei'), assigned('owner', 'wang.fang')]);
  });

  it('assigns again someone who was unassigned', () => {
    accountSpec
      .given([registered(), assigned('other', 'li.wei'), unassigned('other', 'li.wei')])
      .when(assign('other', 'li.wei'))
      .then([assigned('other', 'li.wei')]);
  });

  it('needs a known role and a member', () => {
    accountSpec
      .given([registered()])
      .when(assign('janitor' as TeamRole, ''))
      .thenThrows('invalid_field', [
        { field: 'role', rule: 'one_of' },
        { field: 'member', rule: 'required' },
      ]);
  });
});
