import { accountSpec, command, event, registered } from '../../testing/account-fixtures.js';
import type { LifecycleStage } from '../vocabulary.js';

const inStage = (from: LifecycleStage, to: LifecycleStage) =>
  event('LifecycleStageChanged', { from, to, override: true, reason: 'set up for the test' });
const at = (stage: LifecycleStage) =>
  stage === 'acquisition' ? [registered()] : [registered(), inStage('acquisition', stage)];
const change = (to: LifecycleStage, reason = 'quarterly review', override?: boolean) =>
  command('ChangeLifecycleStage', { to, reason, override });
const changed = (from: LifecycleStage, to: LifecycleStage, override = false, reason = 'quarterly review') =>
  event('LifecycleStageChanged', { from, to, override, reason });

const LEGAL: readonly [LifecycleStage, LifecycleStage][] = [
  ['acquisition', 'growth'],
  ['growth', 'maturity'],
  ['maturity', 'decline'],
  ['decline', 'churn'],
  ['decline', 'growth'],
];
const ILLEGAL: readonly [LifecycleStage, LifecycleStage][] = [
  ['acquisition', 'maturity'],
  ['growth', 'decline'],
  ['maturity', 'growth'],
  ['growth', 'acquisition'],
  ['churn', 'growth'],
  ['acquisition', 'churn'],
];

describe('ChangeLifecycleStage', () => {
  it.each(LEGAL)('moves %s -> %s along the lifecycle', (from, to) => {
    accountSpec
      .given(at(from))
      .when(change(to))
      .then([changed(from, to)]);
  });

  it('records a legal move as no override even when the caller asked for one', () => {
    accountSpec
      .given(at('growth'))
      .when(change('maturity', 'review', true))
      .then([changed('growth', 'maturity', false, 'review')]);
  });

  it('records nothing when the account is already in that stage', () => {
    accountSpec.given(at('maturity')).when(change('maturity')).thenNothing();
  });

  it.each(ILLEGAL)('refuses %s -> %s without an override', (from, to) => {
    accountSpec.given(at(from)).when(change(to)).thenThrows('illegal_stage_transition');
  });

  it.each(ILLEGAL)('moves %s -> %s with an override and a reason', (from, to) => {
    accountSpec
      .given(at(from))
      .when(change(to, 'customer merged', true))
      .then([changed(from, to, true, 'customer merged')]);
  });

  it('refuses an override without a reason', () => {
    accountSpec
      .given(at('acquisition'))
      .when(change('maturity', '  ', true))
      .thenThrows('override_reason_required');
  });

  it('refuses churn -> acquisition even with an override: that is a win-back', () => {
    accountSpec
      .given(at('churn'))
      .when(change('acquisition', 'ordered again', true))
      .thenThrows('illegal_stage_transition');
  });

  it('needs a reason for a legal move too, and a known stage', () => {
    accountSpec
      .given(at('acquisition'))
      .when(change('growth', ''))
      .thenThrows('invalid_field', [{ field: 'reason', rule: 'required' }]);
    accountSpec
      .given(at('acquisition'))
      .when(
        command('ChangeLifecycleStage', {
          to: 'zombie' as LifecycleStage,
          reason: 'x',
          override: 'yes' as unknown as boolean,
        }),
      )
      .thenThrows('invalid_field', [
        { field: 'to', rule: 'one_of' },
        { field: 'override', rule: 'boolean' },
      ]);
  });
});
