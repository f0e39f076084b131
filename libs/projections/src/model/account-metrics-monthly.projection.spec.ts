import type { SalesChannel } from '@kam/domain';
import fc from 'fast-check';
import {
  accountMetricsMonthlyProjection,
  evolveAccountMetricsMonthly,
} from './account-metrics-monthly.projection.js';
import { mergeRows, type Row } from './table-spec.js';
import { event, inLog, money, projectionSpec, registered } from '../testing/projection-spec.js';

const spec = projectionSpec(accountMetricsMonthlyProjection);

const order = (amount: string, grossProfit: string, occurredAt: string, channel: SalesChannel = 'direct') =>
  event('OrderRecorded', {
    orderId: `o-${amount}-${occurredAt}`,
    amount: money(amount),
    grossProfit: money(grossProfit),
    channel,
    occurredAt,
  });
const payment = (daysLate: number, occurredAt: string) =>
  event('PaymentReceived', {
    invoiceId: `i-${daysLate}`,
    amount: money('10'),
    dueAt: '2026-01-01',
    daysLate,
    occurredAt,
  });

const month = (monthKey: string, figures: Partial<Row>): Row => ({
  account_id: 'acc-1',
  month: monthKey,
  revenue_e4: 0,
  gross_profit_e4: 0,
  order_count: 0,
  poor_quality_revenue_e4: 0,
  payments_on_time: 0,
  payments_late: 0,
  days_late_sum: 0,
  last_order_at: null,
  ...figures,
});

describe('account_metrics_monthly projection', () => {
  it('sums orders per business month, in UTC, with gross profit that may be negative', () => {
    spec
      .given([registered(), order('1200.50', '300', '2026-01-15T00:00:00Z')])
      .when(
        order('99.50', '-20.25', '2026-01-31T23:00:00-02:00'),
        order('10', '1', '2026-02-01T08:00:00+08:00'),
      )
      .then([
        // 23:00 at UTC-2 on 31 January is already February in UTC.
        month('2026-01', {
          revenue_e4: 12005000,
          gross_profit_e4: 3000000,
          order_count: 1,
          last_order_at: '2026-01-15T00:00:00.000Z',
        }),
        month('2026-02', {
          revenue_e4: 1095000,
          gross_profit_e4: -192500,
          order_count: 2,
          last_order_at: '2026-02-01T01:00:00.000Z',
        }),
      ]);
  });

  it('counts revenue sold through sub-distribution or cross-region dumping as poor quality (source 001)', () => {
    spec
      .given([])
      .when(
        order('100', '10', '2026-03-02', 'sub_distribution'),
        order('50', '5', '2026-03-03', 'cross_region_dumping'),
        order('7', '1', '2026-03-04'),
      )
      .then([
        month('2026-03', {
          revenue_e4: 1570000,
          gross_profit_e4: 160000,
          order_count: 3,
          poor_quality_revenue_e4: 1500000,
          last_order_at: '2026-03-04T00:00:00.000Z',
        }),
      ]);
  });

  it('counts payments on time and late, with the days late, in the month they were paid', () => {
    spec
      .given([payment(0, '2026-04-01')])
      .when(payment(12, '2026-04-20'), payment(3, '2026-05-02'))
      .then([
        month('2026-04', { payments_on_time: 1, payments_late: 1, days_late_sum: 12 }),
        month('2026-05', { payments_late: 1, days_late_sum: 3 }),
      ]);
  });

  it('is additive: folding onto a stored row equals merging the batch folded from nothing into it', () => {
    const anEvent = fc.oneof(
      fc
        .record({ cents: fc.integer({ min: 1, max: 10_000_000 }), day: fc.integer({ min: 1, max: 28 }) })
        .map(({ cents, day }) =>
          order(
            (cents / 100).toFixed(2),
            (cents / 400).toFixed(2),
            `2026-06-${String(day).padStart(2, '0')}`,
          ),
        ),
      fc.integer({ min: 0, max: 90 }).map((daysLate) => payment(daysLate, '2026-06-15')),
    );
    fc.assert(
      fc.property(
        fc.array(anEvent, { minLength: 1, maxLength: 8 }),
        fc.array(anEvent, { minLength: 1, maxLength: 8 }),
        (stored, batch) => {
          const fold = (events: ReturnType<typeof inLog>, from: Row | null) =>
            events.reduce<Row | null>((row, item) => evolveAccountMetricsMonthly(row as never, item), from);
          const storedRow = fold(inLog(stored), null) as Row;
          const direct = fold(inLog(batch, 100), storedRow) as Row;
          const merged = mergeRows(
            accountMetricsMonthlyProjection.table,
            storedRow,
            fold(inLog(batch, 100), null) as Row,
          );
          expect(merged.order_count).toBe(direct.order_count);
          expect(merged.last_order_at).toBe(direct.last_order_at);
          expect(merged.days_late_sum).toBe(direct.days_late_sum);
          expect(merged.revenue_e4).toBe(direct.revenue_e4);
          expect(merged.gross_profit_e4).toBe(direct.gross_profit_e4);
        },
      ),
    );
  });
});
