import type { IssueInvoice } from '../account.commands.js';
import type { InvoiceIssued } from '../account.events.js';
import type { RegisteredAccount } from '../account.state.js';
import type { Decision } from '../decision.js';
import { DomainError } from '../domain-error.js';
import { commandChecks, factOf } from '../validation/command-checks.js';
import { invalidFields, isoDate, requiredText } from '../validation/field-checks.js';
import { exactMoney, moneyChecks } from '../validation/money-checks.js';

/** An invoice id names one receivable for the account's whole life, paid or not. */
export const decideIssueInvoice = (
  command: IssueInvoice,
  state: RegisteredAccount,
): Decision<InvoiceIssued> => {
  const { data } = command;
  const invalid = invalidFields(
    commandChecks(command, state),
    requiredText('invoiceId', data.invoiceId),
    moneyChecks('amount', data.amount, 'positive'),
    isoDate('dueAt', data.dueAt),
  );
  if (invalid) return invalid;
  if (state.openInvoices.has(data.invoiceId) || state.paidInvoiceIds.has(data.invoiceId)) {
    return new DomainError('duplicate_invoice', `Invoice ${data.invoiceId} was already issued`);
  }
  return [
    {
      type: 'InvoiceIssued',
      data: {
        ...factOf(command),
        invoiceId: data.invoiceId,
        amount: exactMoney(data.amount),
        dueAt: data.dueAt,
      },
    },
  ];
};
