import { accountSpec, command, event, registered } from '../../testing/account-fixtures.js';

const planned = () =>
  event('KeyActivityPlanned', {
    activityId: 'ka-1',
    title: 'workshop',
    strategy: 'alliance',
    dueAt: '2026-06-30',
    assignee: null,
  });
const completed = () => event('KeyActivityCompleted', { activityId: 'ka-1', outcome: 'held' });
const review = (extra: Partial<Parameters<typeof command<'ReviewKeyActivity'>>[1]> = {}) =>
  command('ReviewKeyActivity', { activityId: 'ka-1', evaluation: 'behind plan', ...extra });

describe('ReviewKeyActivity', () => {
  it('reviews an open activity, revising its due date', () => {
    accountSpec
      .given([registered(), planned()])
      .when(review({ revisedDueAt: '2026-09-30' }))
      .then([
        event('KeyActivityReviewed', {
          activityId: 'ka-1',
          evaluation: 'behind plan',
          revisedDueAt: '2026-09-30',
        }),
      ]);
  });

  it('reviews a completed activity to evaluate its effect', () => {
    accountSpec
      .given([registered(), planned(), completed()])
      .when(review({ evaluation: 'won two projects' }))
      .then([
        event('KeyActivityReviewed', {
          activityId: 'ka-1',
          evaluation: 'won two projects',
          revisedDueAt: null,
        }),
      ]);
  });

  it('refuses an activity never planned', () => {
    accountSpec
      .given([registered(), planned()])
      .when(review({ activityId: 'ka-9' }))
      .thenThrows('unknown_activity');
  });

  it('needs an evaluation and an ISO revised due date', () => {
    accountSpec
      .given([registered(), planned()])
      .when(review({ evaluation: '', revisedDueAt: '2026-09-31' }))
      .thenThrows('invalid_field', [
        { field: 'evaluation', rule: 'required' },
        { field: 'revisedDueAt', rule: 'iso8601' },
      ]);
  });
});
