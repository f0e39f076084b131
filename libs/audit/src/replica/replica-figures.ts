import type { AccountReplica } from './account-replica.js';
import {
  toTotals,
  trailingMonths,
  type AccountMetricsMonthlyRow,
  type WindowTotals,
} from './projection-model.js';

/** Months inside `[from, to]` (`YYYY-MM`, inclusive), ascending: the read model's range query. */
export const monthsWithin = (
  replica: AccountReplica,
  range: Readonly<{ from: string; to: string }>,
): AccountMetricsMonthlyRow[] => {
  const within: AccountMetricsMonthlyRow[] = [];
  for (const row of replica.months.values())
    if (row.month >= range.from && row.month <= range.to) within.push(row);
  return within.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
};

/** The trailing twelve months ending with the month of `asOf`, as `windowTotals` sums them in SQL. */
export const windowTotalsOf = (replica: AccountReplica, asOf: string): WindowTotals => {
  const sums = {
    revenue_e4: 0,
    gross_profit_e4: 0,
    order_count: 0,
    poor_quality_revenue_e4: 0,
    payments_on_time: 0,
    payments_late: 0,
    days_late_sum: 0,
  };
  for (const row of monthsWithin(replica, trailingMonths(asOf))) {
    for (const key of Object.keys(sums) as (keyof typeof sums)[]) sums[key] += row[key];
  }
  return toTotals(sums);
};

/** Invoiced by `at`, due before it, not paid by it: `overdueQuery`'s rule, on epoch milliseconds. */
export const overdueAt = (replica: AccountReplica, at: string): number => {
  const ms = Date.parse(at);
  let overdue = 0;
  for (const due of replica.dues.values()) {
    if (due.issued <= ms && due.due < ms && due.paid > ms) overdue += due.value;
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
