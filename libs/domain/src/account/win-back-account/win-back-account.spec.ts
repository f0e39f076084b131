import { accountSpec, command, event, registered } from '../../testing/account-fixtures.js';
import type { LifecycleStage } from '../vocabulary.js';

const at = (stage: LifecycleStage) =>
  stage === 'acquisition'
    ? [registered()]
    : [
        registered(),
        event('LifecycleStageChanged', { from: 'acquisition', to: stage, override: true, reason: 'setup' }),
      ];
const winBack = (reason = 'ordered again after 14 months') => command('WinBackAccount', { reason });

describe('WinBackAccount', () => {
  it('restarts a churned account at acquisition', () => {
    accountSpec
      .given(at('churn'))
      .when(winBack())
      .then([
        event('AccountWonBack', {
          from: 'churn',
          to: 'acquisition',
          reason: 'ordered again after 14 months',
        }),
      ]);
  });

  it.each(['acquisition', 'growth', 'maturity', 'decline'] as const)(
    'refuses an account in %s: it is not churned',
    (stage) => {
      accountSpec.given(at(stage)).when(winBack()).thenThrows('not_churned');
    },
  );

  it('refuses a second win-back: the account is no longer churned', () => {
    const wonBack = event('AccountWonBack', { from: 'churn', to: 'acquisition', reason: 'first' });
    accountSpec
      .given([...at('churn'), wonBack])
      .when(winBack())
      .thenThrows('not_churned');
  });

  it('needs a reason', () => {
    accountSpec
      .given(at('churn'))
      .when(winBack(''))
      .thenThrows('invalid_field', [{ field: 'reason', rule: 'required' }]);
  });
});
