import type { AccountReplica } from './account-replica.js';
import {
  EMPTY_TOTALS,
  trailingMonths,
  type AccountMetricsMonthlyRow,
  type WindowTotals,
} from './projection-model.js';

/** Months inside `[from, to]` (`YYYY-MM`, inclusive), ascending: the read model's range query. */
export const monthsWithin = (
  replica: AccountReplica,
  range: Readonly<{ from: string; to: string }>,
): AccountMetricsMonthlyRow[] =>
  [...replica.months.values()]
    .filter((row) => row.month >= range.from && row.month <= range.to)
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));

/** The trailing twelve months ending with the month of `asOf`, as `windowTotals` computes them. */
export const windowTotalsOf = (replica: AccountReplica, asOf: string): WindowTotals =>
  monthsWithin(replica, trailingMonths(asOf)).reduce<WindowTotals>(
    (totals, row) => ({
      revenue: totals.revenue + row.revenue,
      grossProfit: totals.grossProfit + row.gross_profit,
      orders: totals.orders + row.order_count,
      poorQualityRevenue: totals.poorQualityRevenue + row.poor_quality_revenue,
      paymentsOnTime: totals.paymentsOnTime + row.payments_on_time,
      paymentsLate: totals.paymentsLate + row.payments_late,
      daysLateSum: totals.daysLateSum + row.days_late_sum,
    }),
    EMPTY_TOTALS,
  );

/** Invoiced by `at`, due before it, not paid by it (`at` canonical): `overdueQuery`'s rule. */
export const overdueAt = (replica: AccountReplica, at: string): number => {
  let overdue = 0;
  for (const row of replica.receivables.values()) {
    const open = row.paid_at === null || row.paid_at > at;
    if (row.issued_at !== null && row.issued_at <= at && row.due_at < at && open) overdue += row.amount_value;
  }
  return overdue;
};

/** The latest order by `at` as the monthly rows tell it (each month keeps only its latest order). */
export const lastOrderBy = (replica: AccountReplica, at: string): string | null => {
  const latest = replica.summary?.last_order_at ?? null;
  if (latest === null || latest <= at) return latest;
  let found: string | null = null;
  for (const row of replica.months.values()) {
    const last = row.last_order_at;
    if (last !== null && last <= at && (found === null || last > found)) found = last;
  }
  return found;
};
