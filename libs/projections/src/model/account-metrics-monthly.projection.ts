import { POOR_QUALITY_CHANNELS } from '@kam/domain';
import { amountE4 } from './amount-value.js';
import { laterOf, monthOf, toInstant, type ProjectedEvent } from './projected-event.js';
import { joinKey, type AdditiveProjection, type TableSpec } from './table-spec.js';

/**
 * Per account and business month (`YYYY-MM`, UTC): what evaluation and lifecycle inference read
 * instead of replaying streams. Amounts are integers in ten-thousandths of the major unit (`_e4`),
 * so every sum is exact whatever the batching. Currencies are not converted (the log carries no rates).
 */
export type AccountMetricsMonthlyRow = Readonly<{
  account_id: string;
  month: string;
  revenue_e4: number;
  gross_profit_e4: number;
  order_count: number;
  /** Revenue sold through sub-distribution or cross-region dumping (source 001). */
  poor_quality_revenue_e4: number;
  payments_on_time: number;
  payments_late: number;
  days_late_sum: number;
  /** The month's latest order, so "last order as of a past date" needs no event replay. */
  last_order_at: string | null;
}>;

const sum = (name: string, type: 'integer' | 'bigint') => ({ name, type, merge: 'sum' }) as const;

export const ACCOUNT_METRICS_MONTHLY_TABLE: TableSpec = {
  name: 'account_metrics_monthly',
  columns: [
    { name: 'account_id', type: 'text' },
    { name: 'month', type: 'text' },
    sum('revenue_e4', 'bigint'),
    sum('gross_profit_e4', 'bigint'),
    sum('order_count', 'integer'),
    sum('poor_quality_revenue_e4', 'bigint'),
    sum('payments_on_time', 'integer'),
    sum('payments_late', 'integer'),
    sum('days_late_sum', 'integer'),
    { name: 'last_order_at', type: 'text', nullable: true, merge: 'max' },
  ],
  primaryKey: ['account_id', 'month'],
  indexes: [['month']],
};

const empty = (accountId: string, month: string): AccountMetricsMonthlyRow => ({
  account_id: accountId,
  month,
  revenue_e4: 0,
  gross_profit_e4: 0,
  order_count: 0,
  poor_quality_revenue_e4: 0,
  payments_on_time: 0,
  payments_late: 0,
  days_late_sum: 0,
  last_order_at: null,
});

export const evolveAccountMetricsMonthly = (
  current: AccountMetricsMonthlyRow | null,
  event: ProjectedEvent,
): AccountMetricsMonthlyRow | null => {
  if (event.type !== 'OrderRecorded' && event.type !== 'PaymentReceived') return current;
  const row = current ?? empty(event.data.accountId, monthOf(event.data.occurredAt));
  if (event.type === 'OrderRecorded') {
    const revenue = amountE4(event.data.amount.amount);
    const poorQuality = POOR_QUALITY_CHANNELS.includes(event.data.channel);
    return {
      ...row,
      revenue_e4: row.revenue_e4 + revenue,
      gross_profit_e4: row.gross_profit_e4 + amountE4(event.data.grossProfit.amount),
      order_count: row.order_count + 1,
      poor_quality_revenue_e4: row.poor_quality_revenue_e4 + (poorQuality ? revenue : 0),
      last_order_at: laterOf(row.last_order_at, toInstant(event.data.occurredAt)),
    };
  }
  const late = event.data.daysLate > 0;
  return {
    ...row,
    payments_on_time: row.payments_on_time + (late ? 0 : 1),
    payments_late: row.payments_late + (late ? 1 : 0),
    days_late_sum: row.days_late_sum + Math.max(0, event.data.daysLate),
  };
};

export const accountMetricsMonthlyProjection: AdditiveProjection<AccountMetricsMonthlyRow> = {
  name: 'account_metrics_monthly',
  kind: 'additive',
  table: ACCOUNT_METRICS_MONTHLY_TABLE,
  handles: ['OrderRecorded', 'PaymentReceived'],
  keyOf: (event) => joinKey(event.data.accountId, monthOf(event.data.occurredAt)),
  evolve: evolveAccountMetricsMonthly,
};
