import { accountSpec, command, event, registered } from '../../testing/account-fixtures.js';
import type { LifecycleStage } from '../vocabulary.js';

const at = (stage: LifecycleStage) =>
  stage === 'acquisition'
    ? [registered()]
    : [
        registered(),
        event('LifecycleStageChanged', { from: 'acquisition', to: stage, override: true, reason: 'setup' }),
      ];
const run = {
  runId: 'run-7',
  policyId: 'lifecycle',
  policyVersion: 'sha256:abc',
  reasons: ['revenue rose 2 quarters'],
};
const infer = (to: LifecycleStage) => command('InferLifecycleStage', { to, ...run });
const inferred = (from: LifecycleStage, to: LifecycleStage) =>
  event('LifecycleStageInferred', { from, to, ...run });

describe('InferLifecycleStage', () => {
  it.each([
    ['acquisition', 'growth'],
    ['growth', 'maturity'],
    ['maturity', 'decline'],
    ['decline', 'growth'],
    ['decline', 'churn'],
  ] as const)('infers %s -> %s along the lifecycle, with the run and its reasons', (from, to) => {
    accountSpec
      .given(at(from))
      .when(infer(to))
      .then([inferred(from, to)]);
  });

  it.each(['acquisition', 'growth', 'maturity'] as const)(
    'infers churn from %s after a year without orders',
    (from) => {
      accountSpec
        .given(at(from))
        .when(infer('churn'))
        .then([inferred(from, 'churn')]);
    },
  );

  it('records nothing when the account is already in the inferred stage', () => {
    accountSpec.given(at('growth')).when(infer('growth')).thenNothing();
  });

  it.each([
    ['acquisition', 'maturity'],
    ['growth', 'decline'],
    ['maturity', 'growth'],
    ['churn', 'growth'],
  ] as const)('never skips or reverses the lifecycle: %s -> %s', (from, to) => {
    accountSpec.given(at(from)).when(infer(to)).thenThrows('illegal_stage_transition');
  });

  it('never wins a churned account back: that is its own command', () => {
    accountSpec.given(at('churn')).when(infer('acquisition')).thenThrows('illegal_stage_transition');
  });

  it('needs the run, the policy and its version, and reasons as text', () => {
    accountSpec
      .given(at('acquisition'))
      .when(
        command('InferLifecycleStage', {
          to: 'growth',
          runId: '',
          policyId: '',
          policyVersion: '',
          reasons: [''],
        }),
      )
      .thenThrows('invalid_field', [
        { field: 'runId', rule: 'required' },
        { field: 'policyId', rule: 'required' },
        { field: 'policyVersion', rule: 'required' },
        { field: 'reasons[0]', rule: 'required' },
      ]);
  });
});
