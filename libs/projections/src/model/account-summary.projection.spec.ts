import { accountSummaryProjection } from './account-summary.projection.js';
import type { AccountSummaryRow } from './account-summary.table.js';
import {
  event,
  money,
  projectionSpec,
  RECORDED_AT,
  registered,
  rowsAfter,
} from '../testing/projection-spec.js';

const spec = projectionSpec(accountSummaryProjection);

const base: AccountSummaryRow = {
  account_id: 'acc-1',
  name: 'Name of acc-1',
  industry: 'retail',
  region: 'east',
  source: 'fair',
  registered_at: '2026-01-05T00:00:00.000Z',
  stage: 'acquisition',
  stage_basis: 'registration',
  stage_changed_at: '2026-01-05T00:00:00.000Z',
  tier: null,
  score: null,
  classified_at: null,
  policy_version: null,
  owner: null,
  team: '{}',
  payment_mode: null,
  payment_risk: null,
  credit_days: null,
  assessment: null,
  assessed_at: null,
  profile: '{}',
  last_order_at: null,
  last_interaction_at: null,
  revision: 0,
  position: 1,
  updated_at: RECORDED_AT,
};

const order = (orderId: string, occurredAt: string) =>
  event('OrderRecorded', {
    orderId,
    occurredAt,
    amount: money('100'),
    grossProfit: money('20'),
    channel: 'direct',
  });

describe('account_summary projection', () => {
  it('starts an account at acquisition when it is registered', () => {
    spec.given([]).when(registered()).then([base]);
  });

  it('moves the revision and position with every event, even one that changes nothing shown', () => {
    spec
      .given([registered()])
      .when(
        event('KeyActivityPlanned', {
          activityId: 'a-1',
          title: 'visit',
          strategy: 'penetration',
          dueAt: '2026-04-01',
          assignee: null,
        }),
      )
      .then([{ ...base, revision: 1, position: 2 }]);
  });

  it('keeps the latest order date in business time, whatever order the orders were recorded in', () => {
    spec
      .given([registered(), order('o-1', '2026-02-10T08:00:00+08:00')])
      .when(order('o-2', '2026-01-20'))
      .then([{ ...base, last_order_at: '2026-02-10T00:00:00.000Z', revision: 2, position: 3 }]);
  });

  it('records the payment terms with the risk grade of source 000', () => {
    spec
      .given([registered()])
      .when(
        event('PaymentTermsAgreed', {
          mode: 'open_credit',
          riskGrade: 'unsafe_uncontrollable',
          creditDays: 60,
        }),
      )
      .then([
        {
          ...base,
          payment_mode: 'open_credit',
          payment_risk: 'unsafe_uncontrollable',
          credit_days: 60,
          revision: 1,
          position: 2,
        },
      ]);
  });

  it('names the latest owner still assigned, and none once the last one leaves', () => {
    const assign = (member: string) => event('TeamMemberAssigned', { role: 'owner', member });
    spec
      .given([registered(), assign('li'), assign('wang')])
      .when(event('TeamMemberUnassigned', { role: 'owner', member: 'wang' }))
      .then([{ ...base, owner: 'li', team: JSON.stringify({ owner: ['li'] }), revision: 3, position: 4 }]);
    spec
      .given([registered(), assign('li')])
      .when(event('TeamMemberUnassigned', { role: 'owner', member: 'li' }))
      .then([{ ...base, owner: null, team: JSON.stringify({ owner: [] }), revision: 2, position: 3 }]);
  });

  it('follows stage changes with their basis: manual, inferred, win-back', () => {
    const changed = event('LifecycleStageChanged', {
      from: 'acquisition',
      to: 'growth',
      override: false,
      reason: 'first big order',
      occurredAt: '2026-02-01',
    });
    const inferred = event('LifecycleStageInferred', {
      from: 'growth',
      to: 'churn',
      runId: 'r-1',
      policyId: 'p',
      policyVersion: 'v1',
      reasons: ['no orders'],
      occurredAt: '2027-03-01',
    });
    const wonBack = event('AccountWonBack', {
      from: 'churn',
      to: 'acquisition',
      reason: 'ordered again',
      occurredAt: '2027-05-01',
    });
    spec
      .given([registered()])
      .when(changed)
      .then([
        {
          ...base,
          stage: 'growth',
          stage_basis: 'manual',
          stage_changed_at: '2026-02-01T00:00:00.000Z',
          revision: 1,
          position: 2,
        },
      ]);
    spec
      .given([registered(), changed])
      .when(inferred)
      .then([
        {
          ...base,
          stage: 'churn',
          stage_basis: 'inferred',
          stage_changed_at: '2027-03-01T00:00:00.000Z',
          revision: 2,
          position: 3,
        },
      ]);
    spec
      .given([registered(), changed, inferred])
      .when(wonBack)
      .then([
        {
          ...base,
          stage: 'acquisition',
          stage_basis: 'win_back',
          stage_changed_at: '2027-05-01T00:00:00.000Z',
          revision: 3,
          position: 4,
        },
      ]);
  });

  it('takes tier, score and policy version from a reclassification', () => {
    spec
      .given([registered()])
      .when(
        event('AccountReclassified', {
          tier: 'key',
          previousTier: null,
          score: 81.5,
          components: { sales: 90 },
          reasons: ['top 20%'],
          policyId: 'composite',
          policyVersion: 'sha-1',
          runId: 'run-1',
          occurredAt: '2026-03-01',
        }),
      )
      .then([
        {
          ...base,
          tier: 'key',
          score: 81.5,
          classified_at: '2026-03-01T00:00:00.000Z',
          policy_version: 'sha-1',
          revision: 1,
          position: 2,
        },
      ]);
  });

  it('merges profile updates and keeps only the latest assessment', () => {
    const scores = (potential: number) => ({
      potential,
      demonstration: 1,
      winnability: 2,
      strength: 3,
      capability: 4,
      acumen: 5,
    });
    spec
      .given([
        registered(),
        event('AccountProfileUpdated', { profile: { employees: 10, financialStatus: 'weak' } }),
        event('AssessmentRecorded', { scores: scores(10), assessor: 'li', note: null }),
      ])
      .when(
        event('AccountProfileUpdated', { profile: { financialStatus: 'sound' } }),
        event('AssessmentRecorded', {
          scores: scores(70),
          assessor: 'li',
          note: 'better',
          occurredAt: '2026-02-28',
        }),
      )
      .then([
        {
          ...base,
          profile: JSON.stringify({ employees: 10, financialStatus: 'sound' }),
          assessment: JSON.stringify(scores(70)),
          assessed_at: '2026-02-28T00:00:00.000Z',
          revision: 4,
          position: 5,
        },
      ]);
  });

  it('skips events before registration and a second registration, as the decider does', () => {
    spec
      .given([order('o-0', '2026-01-01')])
      .when()
      .then([]);
    spec
      .given([registered()])
      .when(registered('acc-1', '2026-06-01'))
      .then([{ ...base, revision: 1, position: 2 }]);
  });

  it('fails on an event whose date is not a date, rather than storing nonsense', () => {
    spec
      .given([registered()])
      .when(order('o-1', 'yesterday'))
      .thenThrows(/Not an ISO-8601/);
  });

  it('folds a run of revision-only events lazily to the same row as folding each one', () => {
    const eager = { ...accountSummaryProjection, touchOnly: [] };
    const invoice = (invoiceId: string) =>
      event('InvoiceIssued', { invoiceId, amount: money('5'), dueAt: '2026-04-01' });
    const events = [
      registered(),
      invoice('i-1'),
      invoice('i-2'),
      order('o-1', '2026-02-01'),
      invoice('i-3'),
      event('PaymentReceived', { invoiceId: 'i-1', amount: money('5'), dueAt: '2026-04-01', daysLate: 0 }),
      registered('acc-2'),
      event('InvoiceIssued', {
        accountId: 'acc-2',
        invoiceId: 'i-9',
        amount: money('5'),
        dueAt: '2026-04-01',
      }),
    ];
    expect(rowsAfter(accountSummaryProjection, events)).toEqual(rowsAfter(eager, events));
    expect(rowsAfter(accountSummaryProjection, events)).toEqual([
      expect.objectContaining({ account_id: 'acc-1', revision: 5, position: 6 }),
      expect.objectContaining({ account_id: 'acc-2', revision: 1, position: 8 }),
    ]);
  });
});
