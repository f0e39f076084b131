import { classificationHistoryProjection } from './classification-history.projection.js';
import { lifecycleHistoryProjection } from './lifecycle-history.projection.js';
import { event, money, projectionSpec, RECORDED_AT, registered } from '../testing/projection-spec.js';

const reclassified = (tier: string, previousTier: string | null) =>
  event('AccountReclassified', {
    tier,
    previousTier,
    score: 77,
    components: { sales: 80, potential: 60 },
    reasons: ['sales in the top 20%'],
    policyId: 'composite',
    policyVersion: 'sha-abc',
    runId: 'run-7',
    occurredAt: '2026-03-31',
  });

describe('classification_history projection', () => {
  it('records every reclassification with from, to, score, policy, run and reasons, at its log position', () => {
    classificationHistoryProjection.handles.forEach((type) => expect(type).toBe('AccountReclassified'));
    projectionSpec(classificationHistoryProjection)
      .given([registered(), reclassified('key', null)])
      .when(reclassified('strategic', 'key'))
      .then([
        {
          position: 2,
          account_id: 'acc-1',
          from_tier: null,
          to_tier: 'key',
          score: 77,
          components: '{"sales":80,"potential":60}',
          reasons: '["sales in the top 20%"]',
          policy_id: 'composite',
          policy_version: 'sha-abc',
          run_id: 'run-7',
          occurred_at: '2026-03-31T00:00:00.000Z',
          recorded_at: RECORDED_AT,
        },
        expect.objectContaining({ position: 3, from_tier: 'key', to_tier: 'strategic' }),
      ]);
  });
});

describe('lifecycle_history projection', () => {
  const row = (position: number, fields: object) => ({
    position,
    account_id: 'acc-1',
    run_id: null,
    policy_id: null,
    policy_version: null,
    override: 0,
    recorded_at: RECORDED_AT,
    ...fields,
  });

  it('records registration, manual, inferred and win-back stage changes with their basis and reasons', () => {
    projectionSpec(lifecycleHistoryProjection)
      .given([registered()])
      .when(
        event('OrderRecorded', {
          orderId: 'o',
          amount: money('1'),
          grossProfit: money('1'),
          channel: 'direct',
        }),
        event('LifecycleStageChanged', {
          from: 'acquisition',
          to: 'decline',
          override: true,
          reason: 'lost the tender',
          occurredAt: '2026-04-01',
        }),
        event('LifecycleStageInferred', {
          from: 'decline',
          to: 'churn',
          runId: 'r-2',
          policyId: 'lc',
          policyVersion: 'v3',
          reasons: ['12 months without orders'],
          occurredAt: '2027-04-01',
        }),
        event('AccountWonBack', {
          from: 'churn',
          to: 'acquisition',
          reason: 'ordered again',
          occurredAt: '2027-06-01',
        }),
      )
      .then([
        row(1, {
          from_stage: null,
          to_stage: 'acquisition',
          basis: 'registration',
          reasons: '[]',
          occurred_at: '2026-01-05T00:00:00.000Z',
        }),
        row(3, {
          from_stage: 'acquisition',
          to_stage: 'decline',
          basis: 'manual',
          override: 1,
          reasons: '["lost the tender"]',
          occurred_at: '2026-04-01T00:00:00.000Z',
        }),
        row(4, {
          from_stage: 'decline',
          to_stage: 'churn',
          basis: 'inferred',
          reasons: '["12 months without orders"]',
          run_id: 'r-2',
          policy_id: 'lc',
          policy_version: 'v3',
          occurred_at: '2027-04-01T00:00:00.000Z',
        }),
        row(5, {
          from_stage: 'churn',
          to_stage: 'acquisition',
          basis: 'win_back',
          reasons: '["ordered again"]',
          occurred_at: '2027-06-01T00:00:00.000Z',
        }),
      ]);
  });
});
