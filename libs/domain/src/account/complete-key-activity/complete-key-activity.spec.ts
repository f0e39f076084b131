import { accountSpec, command, event, registered } from '../../testing/account-fixtures.js';

const planned = () =>
  event('KeyActivityPlanned', {
    activityId: 'ka-1',
    title: 'workshop',
    strategy: 'alliance',
    dueAt: '2026-06-30',
    assignee: null,
  });
const complete = (activityId = 'ka-1', outcome = 'signed a framework agreement') =>
  command('CompleteKeyActivity', { activityId, outcome });
const completed = () =>
  event('KeyActivityCompleted', { activityId: 'ka-1', outcome: 'signed a framework agreement' });

describe('CompleteKeyActivity', () => {
  it('completes a planned activity with its outcome', () => {
    accountSpec.given([registered(), planned()]).when(complete()).then([completed()]);
  });

  it('records nothing when the activity is already complete', () => {
    accountSpec.given([registered(), planned(), completed()]).when(complete('ka-1', 'again')).thenNothing();
  });

  it('refuses an activity never planned', () => {
    accountSpec.given([registered(), planned()]).when(complete('ka-2')).thenThrows('unknown_activity');
  });

  it('needs an activity id and an outcome', () => {
    accountSpec
      .given([registered(), planned()])
      .when(complete('', ''))
      .thenThrows('invalid_field', [
        { field: 'activityId', rule: 'required' },
        { field: 'outcome', rule: 'required' },
      ]);
  });
});
