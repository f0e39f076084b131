import { accountSpec, command, event, registered } from '../../testing/account-fixtures.js';

const amount = { amount: '5000.00', currency: 'CNY' };
const issue = (extra: Partial<Parameters<typeof command<'IssueInvoice'>>[1]> = {}) =>
  command('IssueInvoice', { invoiceId: 'inv-1', amount, dueAt: '2026-03-31', ...extra });
const issued = () => event('InvoiceIssued', { invoiceId: 'inv-1', amount, dueAt: '2026-03-31' });
const paid = () => event('PaymentReceived', { invoiceId: 'inv-1', amount, dueAt: '2026-03-31', daysLate: 0 });

describe('IssueInvoice', () => {
  it('issues an invoice with its due date, which may lie in the future', () => {
    accountSpec.given([registered()]).when(issue()).then([issued()]);
  });

  it('refuses an invoice id already issued, open or paid', () => {
    accountSpec.given([registered(), issued()]).when(issue()).thenThrows('duplicate_invoice');
    accountSpec.given([registered(), issued(), paid()]).when(issue()).thenThrows('duplicate_invoice');
  });

  it('needs an id, a positive amount and an ISO due date', () => {
    accountSpec
      .given([registered()])
      .when(issue({ invoiceId: '', amount: { amount: '0', currency: 'CNY' }, dueAt: '31/03/2026' }))
      .thenThrows('invalid_field', [
        { field: 'invoiceId', rule: 'required' },
        { field: 'amount.amount', rule: 'positive_decimal' },
        { field: 'dueAt', rule: 'iso8601' },
      ]);
  });
});
