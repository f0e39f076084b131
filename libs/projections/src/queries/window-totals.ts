import type { Kysely } from 'kysely';
import { fromE4 } from '../model/amount-value.js';
import type { ReadModelDatabase } from '../schema/read-model.database.js';
import { canonicalInstant, trailingMonths } from './read-snapshot.js';

/** An account's trailing-twelve-month figures and receivables, computed for the date asked about. */
export type WindowTotals = Readonly<{
  revenue: number;
  grossProfit: number;
  orders: number;
  poorQualityRevenue: number;
  paymentsOnTime: number;
  paymentsLate: number;
  daysLateSum: number;
}>;

export const EMPTY_TOTALS: WindowTotals = {
  revenue: 0,
  grossProfit: 0,
  orders: 0,
  poorQualityRevenue: 0,
  paymentsOnTime: 0,
  paymentsLate: 0,
  daysLateSum: 0,
};

/** Gross profit over revenue in the window; null when nothing was sold. */
export const grossMargin = (totals: WindowTotals): number | null =>
  totals.revenue === 0 ? null : totals.grossProfit / totals.revenue;

/** Days late per payment received in the window (on-time payments count as zero); null without payments. */
export const averageDaysLate = (totals: WindowTotals): number | null => {
  const payments = totals.paymentsOnTime + totals.paymentsLate;
  return payments === 0 ? null : totals.daysLateSum / payments;
};

/** The twelve-month aggregate per account, as a subquery to join or to read whole. */
export function windowQuery(db: Kysely<ReadModelDatabase>, asOf: string) {
  const { from, to } = trailingMonths(asOf);
  return windowQueryBetween(db, from, to);
}

/** The aggregate over the months `from`..`to` (inclusive `YYYY-MM`), per account. */
export function windowQueryBetween(db: Kysely<ReadModelDatabase>, from: string, to: string) {
  return db
    .selectFrom('account_metrics_monthly')
    .select((eb) => [
      'account_id',
      eb.fn.sum<number>('revenue_e4').as('revenue_e4'),
      eb.fn.sum<number>('gross_profit_e4').as('gross_profit_e4'),
      eb.fn.sum<number>('order_count').as('order_count'),
      eb.fn.sum<number>('poor_quality_revenue_e4').as('poor_quality_revenue_e4'),
      eb.fn.sum<number>('payments_on_time').as('payments_on_time'),
      eb.fn.sum<number>('payments_late').as('payments_late'),
      eb.fn.sum<number>('days_late_sum').as('days_late_sum'),
    ])
    .where('month', '>=', from)
    .where('month', '<=', to)
    .groupBy('account_id');
}

type WindowRow = Readonly<Record<string, unknown>>;

export const toTotals = (row: WindowRow | undefined): WindowTotals =>
  row === undefined
    ? EMPTY_TOTALS
    : {
        revenue: fromE4(Number(row.revenue_e4 ?? 0)),
        grossProfit: fromE4(Number(row.gross_profit_e4 ?? 0)),
        orders: Number(row.order_count ?? 0),
        poorQualityRevenue: fromE4(Number(row.poor_quality_revenue_e4 ?? 0)),
        paymentsOnTime: Number(row.payments_on_time ?? 0),
        paymentsLate: Number(row.payments_late ?? 0),
        daysLateSum: Number(row.days_late_sum ?? 0),
      };

/** Window totals of the given accounts (all accounts when `accountIds` is null). */
export async function windowTotals(
  db: Kysely<ReadModelDatabase>,
  asOf: string,
  accountIds: readonly string[] | null,
): Promise<ReadonlyMap<string, WindowTotals>> {
  if (accountIds !== null && accountIds.length === 0) return new Map();
  let query = windowQuery(db, asOf);
  if (accountIds !== null) query = query.where('account_id', 'in', accountIds);
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.account_id, toTotals(row)]));
}

/** Invoiced by `asOf`, due before it, and not paid by it: overdue as of that date, per account. */
export function overdueQuery(db: Kysely<ReadModelDatabase>, asOf: string) {
  return overdueQueryAt(db, canonicalInstant(asOf));
}

/** `overdueQuery` for an instant already in the read models' canonical form. */
export function overdueQueryAt(db: Kysely<ReadModelDatabase>, at: string) {
  return db
    .selectFrom('receivables')
    .select((eb) => ['account_id', eb.fn.sum<number>('amount_value').as('overdue')])
    .where('issued_at', 'is not', null)
    .where('issued_at', '<=', at)
    .where('due_at', '<', at)
    .where((eb) => eb.or([eb('paid_at', 'is', null), eb('paid_at', '>', at)]))
    .groupBy('account_id');
}

export async function overdueReceivables(
  db: Kysely<ReadModelDatabase>,
  asOf: string,
  accountIds: readonly string[] | null,
): Promise<ReadonlyMap<string, number>> {
  if (accountIds !== null && accountIds.length === 0) return new Map();
  let query = overdueQuery(db, asOf);
  if (accountIds !== null) query = query.where('account_id', 'in', accountIds);
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.account_id, Number(row.overdue ?? 0)]));
}
