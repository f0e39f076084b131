import { accountSpec, command, event, registered } from '../../testing/account-fixtures.js';
import type { ActivityStrategy } from '../vocabulary.js';

const plan = (extra: Partial<Parameters<typeof command<'PlanKeyActivity'>>[1]> = {}) =>
  command('PlanKeyActivity', {
    activityId: 'ka-1',
    title: 'joint roadmap workshop',
    strategy: 'penetration',
    dueAt: '2026-06-30',
    ...extra,
  });
const planned = () =>
  event('KeyActivityPlanned', {
    activityId: 'ka-1',
    title: 'joint roadmap workshop',
    strategy: 'penetration',
    dueAt: '2026-06-30',
    assignee: null,
  });

describe('PlanKeyActivity', () => {
  it('plans an activity with a due date in the future', () => {
    accountSpec.given([registered()]).when(plan()).then([planned()]);
    accountSpec
      .given([registered()])
      .when(plan({ assignee: 'li.wei' }))
      .then([event('KeyActivityPlanned', { ...planned().data, assignee: 'li.wei' })]);
  });

  it('records nothing for an activity id already planned or done', () => {
    accountSpec
      .given([registered(), planned()])
      .when(plan({ title: 'renamed' }))
      .thenNothing();
    const done = event('KeyActivityCompleted', { activityId: 'ka-1', outcome: 'held' });
    accountSpec.given([registered(), planned(), done]).when(plan()).thenNothing();
  });

  it('needs an id, a title, a known strategy and an ISO due date', () => {
    accountSpec
      .given([registered()])
      .when(
        plan({
          activityId: '',
          title: '',
          strategy: 'charm' as ActivityStrategy,
          dueAt: 'next week',
          assignee: '',
        }),
      )
      .thenThrows('invalid_field', [
        { field: 'activityId', rule: 'required' },
        { field: 'title', rule: 'required' },
        { field: 'strategy', rule: 'one_of' },
        { field: 'dueAt', rule: 'iso8601' },
        { field: 'assignee', rule: 'required' },
      ]);
  });
});
