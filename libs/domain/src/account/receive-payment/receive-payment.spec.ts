import type { Money } from '../../shared/money.js';
import { accountSpec, command, event, registered } from '../../testing/account-fixtures.js';

const amount = { amount: '5000.00', currency: 'CNY' };
const issued = () => event('InvoiceIssued', { invoiceId: 'inv-1', amount, dueAt: '2026-02-10' });
const pay = (extra: Partial<Parameters<typeof command<'ReceivePayment'>>[1]> = {}) =>
  command('ReceivePayment', { invoiceId: 'inv-1', amount, ...extra });
const received = (daysLate: number, occurredAt: string) =>
  event('PaymentReceived', { invoiceId: 'inv-1', amount, dueAt: '2026-02-10', daysLate, occurredAt });

describe('ReceivePayment', () => {
  it('records a late payment with the due date from the invoice and whole days late', () => {
    accountSpec
      .given([registered(), issued()])
      .when(pay({ occurredAt: '2026-02-27T09:00:00Z' }))
      .then([received(17, '2026-02-27T09:00:00Z')]);
  });

  it('counts an early or same-day payment as zero days late', () => {
    accountSpec
      .given([registered(), issued()])
      .when(pay({ occurredAt: '2026-02-01' }))
      .then([received(0, '2026-02-01')]);
    accountSpec
      .given([registered(), issued()])
      .when(pay({ occurredAt: '2026-02-10T23:59:59Z' }))
      .then([received(0, '2026-02-10T23:59:59Z')]);
  });

  it('keeps the invoice due date even when the command carries another', () => {
    accountSpec
      .given([registered(), issued()])
      .when(pay({ occurredAt: '2026-02-20', dueAt: '2026-02-19' }))
      .then([received(10, '2026-02-20')]);
  });

  it('records nothing for an invoice already paid', () => {
    accountSpec
      .given([registered(), issued(), received(0, '2026-02-01')])
      .when(pay())
      .thenNothing();
  });

  it('refuses a payment for an invoice never issued', () => {
    accountSpec.given([registered()]).when(pay()).thenThrows('unknown_invoice');
  });

  it('refuses a payment in another currency than the invoice', () => {
    accountSpec
      .given([registered(), issued()])
      .when(pay({ amount: { amount: '700', currency: 'USD' } }))
      .thenThrows('currency_mismatch', [{ field: 'amount.currency', rule: 'same_currency' }]);
  });

  it('needs an invoice id and a positive amount', () => {
    accountSpec
      .given([registered(), issued()])
      .when(pay({ invoiceId: '', amount: { amount: '-1', currency: 'cny' } as Money, dueAt: 'soon' }))
      .thenThrows('invalid_field', [
        { field: 'invoiceId', rule: 'required' },
        { field: 'amount.amount', rule: 'positive_decimal' },
        { field: 'amount.currency', rule: 'iso4217' },
        { field: 'dueAt', rule: 'iso8601' },
      ]);
  });
});
