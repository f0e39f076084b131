import { amountValue } from './amount-value.js';
import { toInstant, type ProjectedEvent } from './projected-event.js';
import type { KeyedProjection, TableSpec } from './table-spec.js';

/**
 * One row per invoice, so overdue receivables can be read as of any date: due before it, issued by
 * it, and not paid by it. A payment closes its invoice (the decider accepts one payment per invoice).
 */
export type ReceivableRow = Readonly<{
  account_id: string;
  invoice_id: string;
  /** Exact decimal string as booked; `amount_value` is the same for sums and ranking. */
  amount: string;
  amount_value: number;
  currency: string;
  /** Null when the payment is the first the log says of the invoice. */
  issued_at: string | null;
  due_at: string;
  paid_at: string | null;
  paid_amount: string | null;
  days_late: number | null;
}>;

export const RECEIVABLES_TABLE: TableSpec = {
  name: 'receivables',
  columns: [
    { name: 'account_id', type: 'text' },
    { name: 'invoice_id', type: 'text' },
    { name: 'amount', type: 'text' },
    { name: 'amount_value', type: 'double precision' },
    { name: 'currency', type: 'text' },
    { name: 'issued_at', type: 'text', nullable: true },
    { name: 'due_at', type: 'text' },
    { name: 'paid_at', type: 'text', nullable: true },
    { name: 'paid_amount', type: 'text', nullable: true },
    { name: 'days_late', type: 'integer', nullable: true },
  ],
  primaryKey: ['account_id', 'invoice_id'],
  indexes: [['due_at']],
};

export const evolveReceivable = (row: ReceivableRow | null, event: ProjectedEvent): ReceivableRow | null => {
  if (event.type !== 'InvoiceIssued' && event.type !== 'PaymentReceived') return row;
  const { accountId, invoiceId, amount, dueAt, occurredAt } = event.data;
  const base: ReceivableRow = row ?? {
    account_id: accountId,
    invoice_id: invoiceId,
    amount: amount.amount,
    amount_value: amountValue(amount.amount),
    currency: amount.currency,
    issued_at: null,
    due_at: toInstant(dueAt),
    paid_at: null,
    paid_amount: null,
    days_late: null,
  };
  if (event.type === 'InvoiceIssued') {
    return {
      ...base,
      amount: amount.amount,
      amount_value: amountValue(amount.amount),
      currency: amount.currency,
      issued_at: toInstant(occurredAt),
      due_at: toInstant(dueAt),
    };
  }
  return {
    ...base,
    paid_at: toInstant(occurredAt),
    paid_amount: amount.amount,
    days_late: event.data.daysLate,
  };
};

export const receivablesProjection: KeyedProjection<ReceivableRow> = {
  name: 'receivables',
  kind: 'keyed',
  table: RECEIVABLES_TABLE,
  handles: ['InvoiceIssued', 'PaymentReceived'],
  keyOf: (event) => [event.data.accountId, 'invoiceId' in event.data ? event.data.invoiceId : null],
  evolve: evolveReceivable,
};
