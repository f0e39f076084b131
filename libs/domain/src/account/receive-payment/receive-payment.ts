import { wholeDaysBetween } from '../../shared/iso-date.js';
import type { ReceivePayment } from '../account.commands.js';
import type { PaymentReceived } from '../account.events.js';
import type { RegisteredAccount } from '../account.state.js';
import type { Decision } from '../decision.js';
import { DomainError } from '../domain-error.js';
import { commandChecks, factOf } from '../validation/command-checks.js';
import { invalidFields, optionalIsoDate, requiredText } from '../validation/field-checks.js';
import { exactMoney, moneyChecks, sameCurrency } from '../validation/money-checks.js';

/**
 * One payment settles its invoice; the amount received is recorded as it arrived, so a short payment
 * stays visible in the history. A second payment for a settled invoice is taken as a retry or a
 * re-import and records nothing. The due date comes from the invoice, which is the record; a `dueAt`
 * on the command is only checked for form.
 */
export const decideReceivePayment = (
  command: ReceivePayment,
  state: RegisteredAccount,
): Decision<PaymentReceived> => {
  const { data } = command;
  const invalid = invalidFields(
    commandChecks(command, state),
    requiredText('invoiceId', data.invoiceId),
    moneyChecks('amount', data.amount, 'positive'),
    optionalIsoDate('dueAt', data.dueAt),
  );
  if (invalid) return invalid;
  if (state.paidInvoiceIds.has(data.invoiceId)) return [];
  const invoice = state.openInvoices.get(data.invoiceId);
  if (!invoice)
    return new DomainError('unknown_invoice', `No invoice ${data.invoiceId} was issued to this account`);
  const mismatch = sameCurrency('amount.currency', invoice.amount, data.amount);
  if (mismatch) return mismatch;
  const daysLate = Math.max(0, wholeDaysBetween(invoice.dueAt, data.occurredAt));
  const payment = {
    invoiceId: data.invoiceId,
    amount: exactMoney(data.amount),
    dueAt: invoice.dueAt,
    daysLate,
  };
  return [{ type: 'PaymentReceived', data: { ...factOf(command), ...payment } }];
};
