import { amountValue } from './amount-value.js';
import { toInstant, type ProjectedEvent } from './projected-event.js';
import { joinKey, type AdditiveProjection, type TableSpec } from './table-spec.js';

/**
 * One row per invoice, so overdue receivables can be read as of any date: due before it, issued by
 * it, and not paid by it. A payment closes its invoice (the decider accepts one payment per invoice).
 * The row merges instead of being read back: what the invoice says is known first and kept (`first`),
 * what the payment says arrives last and wins (`last`), so writing an invoice never needs a read.
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
    { name: 'amount', type: 'text', merge: 'first' },
    { name: 'amount_value', type: 'double precision', merge: 'first' },
    { name: 'currency', type: 'text', merge: 'first' },
    { name: 'issued_at', type: 'text', nullable: true, merge: 'last' },
    { name: 'due_at', type: 'text', merge: 'first' },
    { name: 'paid_at', type: 'text', nullable: true, merge: 'last' },
    { name: 'paid_amount', type: 'text', nullable: true, merge: 'last' },
    { name: 'days_late', type: 'integer', nullable: true, merge: 'last' },
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
  // The invoice's amount and due date are known first and stay (a row only exists before its invoice
  // in a log the decider would not write); its issue date is set whenever it arrives.
  if (event.type === 'InvoiceIssued') return { ...base, issued_at: toInstant(occurredAt) };
  return {
    ...base,
    paid_at: toInstant(occurredAt),
    paid_amount: amount.amount,
    days_late: event.data.daysLate,
  };
};

export const receivablesProjection: AdditiveProjection<ReceivableRow> = {
  name: 'receivables',
  kind: 'additive',
  table: RECEIVABLES_TABLE,
  handles: ['InvoiceIssued', 'PaymentReceived'],
  keyOf: (event) => joinKey(event.data.accountId, 'invoiceId' in event.data ? event.data.invoiceId : ''),
  evolve: evolveReceivable,
};
