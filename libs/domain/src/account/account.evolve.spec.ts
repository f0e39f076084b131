import { ACCOUNT_ID, event, registered } from '../testing/account-fixtures.js';
import { evolve, foldAccount } from './account.evolve.js';
import { initialState, type RegisteredAccount } from './account.state.js';

const cny = (amount: string) => ({ amount, currency: 'CNY' });
const order = (orderId: string, occurredAt: string) =>
  event('OrderRecorded', {
    orderId,
    amount: cny('10'),
    grossProfit: cny('1'),
    channel: 'direct',
    occurredAt,
  });

const active = (events: Parameters<typeof foldAccount>[0]): RegisteredAccount => {
  const state = foldAccount(events);
  if (state.status !== 'Active') throw new Error('expected a registered account');
  return state;
};

describe('evolve and foldAccount', () => {
  it('starts unregistered, and a registered account starts in acquisition with nothing known', () => {
    expect(foldAccount([])).toEqual(initialState());
    expect(active([registered()])).toMatchObject({
      accountId: ACCOUNT_ID,
      name: 'Acme Tooling',
      stage: 'acquisition',
      tier: null,
      score: null,
      paymentMode: null,
      lastOrderAt: null,
    });
  });

  it('remembers the latest order date even when orders arrive out of order', () => {
    const state = active([registered(), order('o-2', '2026-02-10T00:00:00Z'), order('o-1', '2026-01-05')]);
    expect(state.lastOrderAt).toBe('2026-02-10T00:00:00Z');
    expect([...state.orderIds].sort()).toEqual(['o-1', 'o-2']);
  });

  it('moves an invoice from open to paid', () => {
    const issued = event('InvoiceIssued', { invoiceId: 'i-1', amount: cny('5'), dueAt: '2026-02-01' });
    const paid = event('PaymentReceived', {
      invoiceId: 'i-1',
      amount: cny('5'),
      dueAt: '2026-02-01',
      daysLate: 3,
    });
    const open = active([registered(), issued]);
    expect(open.openInvoices.get('i-1')).toEqual({ amount: cny('5'), dueAt: '2026-02-01' });
    const settled = active([registered(), issued, paid]);
    expect(settled.openInvoices.has('i-1')).toBe(false);
    expect(settled.paidInvoiceIds.has('i-1')).toBe(true);
  });

  it('tracks the team, the stage, the tier and score, and the payment mode', () => {
    const state = active([
      registered(),
      event('TeamMemberAssigned', { role: 'owner', member: 'li' }),
      event('TeamMemberAssigned', { role: 'other', member: 'wang' }),
      event('TeamMemberUnassigned', { role: 'other', member: 'wang' }),
      event('LifecycleStageInferred', {
        from: 'acquisition',
        to: 'growth',
        runId: 'r',
        policyId: 'p',
        policyVersion: 'v',
        reasons: [],
      }),
      event('AccountReclassified', {
        tier: 'key',
        previousTier: null,
        score: 77,
        components: {},
        reasons: [],
        policyId: 'p',
        policyVersion: 'v',
        runId: 'r',
      }),
      event('PaymentTermsAgreed', {
        mode: 'open_credit',
        riskGrade: 'unsafe_uncontrollable',
        creditDays: 60,
      }),
    ]);
    expect(state).toMatchObject({
      team: { owner: ['li'], other: [] },
      stage: 'growth',
      tier: 'key',
      score: 77,
      paymentMode: 'open_credit',
    });
  });

  it('returns to acquisition on a win-back', () => {
    const churned = event('LifecycleStageChanged', {
      from: 'acquisition',
      to: 'churn',
      override: true,
      reason: 'x',
    });
    const wonBack = event('AccountWonBack', { from: 'churn', to: 'acquisition', reason: 'ordered' });
    expect(active([registered(), churned]).stage).toBe('churn');
    expect(active([registered(), churned, wonBack]).stage).toBe('acquisition');
  });

  it('never changes a state it was given: earlier states stay valid snapshots', () => {
    const before = active([registered()]);
    const after = evolve(before, order('o-1', '2026-01-01'));
    expect(before.orderIds.size).toBe(0);
    expect(before.lastOrderAt).toBeNull();
    expect(after).not.toBe(before);
    expect((after as RegisteredAccount).orderIds.has('o-1')).toBe(true);
  });

  it('keeps every earlier state whole when two histories branch from it', () => {
    const base = active([registered(), order('o-1', '2026-01-01')]);
    const left = evolve(base, order('o-2', '2026-01-02')) as RegisteredAccount;
    const right = evolve(base, order('o-3', '2026-01-03')) as RegisteredAccount;
    expect([...base.orderIds]).toEqual(['o-1']);
    expect([...left.orderIds].sort()).toEqual(['o-1', 'o-2']);
    expect([...right.orderIds].sort()).toEqual(['o-1', 'o-3']);
  });

  it('folds a long history with each state knowing exactly the orders before it', () => {
    const events = [registered(), ...Array.from({ length: 5_000 }, (_, i) => order(`o-${i}`, '2026-01-01'))];
    const states: RegisteredAccount[] = [];
    let state = initialState();
    for (const next of events) {
      state = evolve(state, next);
      states.push(state as RegisteredAccount);
    }
    expect(states.at(-1)?.orderIds.size).toBe(5_000);
    expect(states[1_000]?.orderIds.size).toBe(1_000);
    expect(states[1_000]?.orderIds.has('o-999')).toBe(true);
    expect(states[1_000]?.orderIds.has('o-1000')).toBe(false);
  });

  it('skips history it cannot place instead of failing: facts before registration, a second registration', () => {
    expect(foldAccount([order('o-1', '2026-01-01')])).toEqual(initialState());
    const again = event('AccountRegistered', { name: 'Renamed', industry: 'x', region: 'y', source: null });
    expect(active([registered(), again]).name).toBe('Acme Tooling');
  });
});
