import { accountSpec, command, registered } from '../testing/account-fixtures.js';
import type { AccountCommand } from './account.commands.js';
import { decide } from './account.decide.js';
import { DomainError } from './domain-error.js';
import { foldAccount } from './account.evolve.js';

const active = () => foldAccount([registered()]);

const cny = (amount: string) => ({ amount, currency: 'CNY' });
const scores = { potential: 1, demonstration: 2, winnability: 3, strength: 4, capability: 5, acumen: 6 };
const run = { runId: 'r', policyId: 'p', policyVersion: 'v', reasons: [] };

// One well-formed command of every type but registration.
const COMMANDS: readonly AccountCommand[] = [
  command('UpdateProfile', { profile: { employees: 10 } }),
  command('RecordOrder', { orderId: 'o', amount: cny('1'), grossProfit: cny('0') }),
  command('IssueInvoice', { invoiceId: 'i', amount: cny('1'), dueAt: '2026-04-01' }),
  command('ReceivePayment', { invoiceId: 'i', amount: cny('1') }),
  command('AgreePaymentTerms', { mode: 'cash_before_delivery' }),
  command('RecordAssessment', { scores, assessor: 'a' }),
  command('AssignTeamMember', { role: 'owner', member: 'm' }),
  command('UnassignTeamMember', { role: 'owner', member: 'm' }),
  command('ChangeLifecycleStage', { to: 'growth', reason: 'r' }),
  command('InferLifecycleStage', { to: 'growth', ...run }),
  command('WinBackAccount', { reason: 'r' }),
  command('LogInteraction', { interactionId: 'x', kind: 'call', summary: 's' }),
  command('PlanKeyActivity', { activityId: 'k', title: 't', strategy: 'other', dueAt: '2026-04-01' }),
  command('CompleteKeyActivity', { activityId: 'k', outcome: 'o' }),
  command('ReviewKeyActivity', { activityId: 'k', evaluation: 'e' }),
  command('ReclassifyAccount', { tier: 'key', score: 1, components: {}, ...run }),
];

describe('decide', () => {
  it('covers every command type but registration in this table', () => {
    expect(new Set(COMMANDS.map((c) => c.type)).size).toBe(16);
  });

  it.each(COMMANDS.map((c) => [c.type, c] as const))(
    'refuses %s on an account never registered',
    (_type, cmd) => {
      accountSpec.given([]).when(cmd).thenThrows('account_not_registered');
    },
  );

  it('checks registration before the fields, so a wrong account is named as such', () => {
    accountSpec
      .given([])
      .when(command('RecordOrder', { orderId: '', amount: cny('0'), grossProfit: cny('0') }))
      .thenThrows('account_not_registered');
  });

  it('passes a registered account on to the rules of each command', () => {
    const outcome = (cmd: AccountCommand) => {
      const result = decide(cmd, active());
      return result instanceof DomainError ? result.code : `${result.length} event(s)`;
    };
    expect(Object.fromEntries(COMMANDS.map((cmd) => [cmd.type, outcome(cmd)]))).toEqual({
      UpdateProfile: '1 event(s)',
      RecordOrder: '1 event(s)',
      IssueInvoice: '1 event(s)',
      ReceivePayment: 'unknown_invoice',
      AgreePaymentTerms: '1 event(s)',
      RecordAssessment: '1 event(s)',
      AssignTeamMember: '1 event(s)',
      UnassignTeamMember: 'member_not_assigned',
      ChangeLifecycleStage: '1 event(s)',
      InferLifecycleStage: '1 event(s)',
      WinBackAccount: 'not_churned',
      LogInteraction: '1 event(s)',
      PlanKeyActivity: '1 event(s)',
      CompleteKeyActivity: 'unknown_activity',
      ReviewKeyActivity: 'unknown_activity',
      ReclassifyAccount: '1 event(s)',
    });
  });

  it('fails loudly on a command type it does not know, never returning it as events', () => {
    const unknown = {
      type: 'DeleteAccount',
      data: {},
      metadata: { now: '2026-01-01' },
    } as unknown as AccountCommand;
    expect(() => decide(unknown, active())).toThrow(/Unknown account command: "DeleteAccount"/);
  });
});
