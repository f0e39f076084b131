import { receivablesProjection } from './receivables.projection.js';
import type { ReceivableRow } from './receivables.projection.js';
import { event, inLog, money, projectionSpec, registered } from '../testing/projection-spec.js';
import { evolveReceivable } from './receivables.projection.js';
import { mergeRows, type Row } from './table-spec.js';

const spec = projectionSpec(receivablesProjection);

const issued = (invoiceId: string, amount: string) =>
  event('InvoiceIssued', { invoiceId, amount: money(amount), dueAt: '2026-03-01', occurredAt: '2026-02-01' });
const paid = (invoiceId: string, amount: string, daysLate: number, occurredAt: string) =>
  event('PaymentReceived', { invoiceId, amount: money(amount), dueAt: '2026-03-01', daysLate, occurredAt });

const open = (invoiceId: string, amount: string): ReceivableRow => ({
  account_id: 'acc-1',
  invoice_id: invoiceId,
  amount,
  amount_value: Number(amount),
  currency: 'CNY',
  issued_at: '2026-02-01T00:00:00.000Z',
  due_at: '2026-03-01T00:00:00.000Z',
  paid_at: null,
  paid_amount: null,
  days_late: null,
});

describe('receivables projection', () => {
  it('opens one row per invoice, keeping the booked amount exact', () => {
    spec
      .given([registered()])
      .when(issued('inv-1', '1200.10'), issued('inv-2', '0.30'))
      .then([open('inv-1', '1200.10'), open('inv-2', '0.30')]);
  });

  it('closes the invoice its payment names, with the payment date and days late', () => {
    spec
      .given([registered(), issued('inv-1', '500'), issued('inv-2', '70')])
      .when(paid('inv-1', '500', 9, '2026-03-10'))
      .then([
        { ...open('inv-1', '500'), paid_at: '2026-03-10T00:00:00.000Z', paid_amount: '500', days_late: 9 },
        open('inv-2', '70'),
      ]);
  });

  it('keeps a payment for an invoice the log never issued, as paid and never overdue', () => {
    spec
      .given([])
      .when(paid('inv-9', '40', 0, '2026-02-20'))
      .then([
        {
          ...open('inv-9', '40'),
          issued_at: null,
          paid_at: '2026-02-20T00:00:00.000Z',
          paid_amount: '40',
          days_late: 0,
        },
      ]);
  });

  it('merges: a batch folded from nothing and merged into the stored row equals folding onto it', () => {
    const log = inLog([
      issued('inv-1', '500'),
      paid('inv-1', '500', 3, '2026-03-04'),
      issued('inv-2', '9'),
      paid('inv-2', '9', 0, '2026-02-02'),
    ]);
    const fold = (events: typeof log, from: Row | null) =>
      events.reduce<Row | null>((row, item) => evolveReceivable(row as ReceivableRow | null, item), from);
    for (const invoice of ['inv-1', 'inv-2']) {
      const events = log.filter((item) => 'invoiceId' in item.data && item.data.invoiceId === invoice);
      const [first, second] = events;
      const stored = fold(events.slice(0, 1), null) as Row;
      expect(mergeRows(receivablesProjection.table, stored, fold(events.slice(1), null) as Row)).toEqual(
        fold(events, null),
      );
      expect(first && second).toBeTruthy();
    }
  });
});
