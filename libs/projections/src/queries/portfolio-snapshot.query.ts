import type { AccountProfile, AssessmentScores, LifecycleStage, PaymentMode } from '@kam/domain';
import type { AccountSnapshot, MonthlyMetrics, PortfolioSnapshot, StageBasis } from '@kam/policies';
import type { Kysely, Transaction } from 'kysely';
import { fromE4 } from '../model/amount-value.js';
import type { AccountMetricsMonthlyRow } from '../model/account-metrics-monthly.projection.js';
import type { AccountSummaryRow } from '../model/account-summary.table.js';
import type { ReadModelDatabase } from '../schema/read-model.database.js';
import { canonicalInstant, parseJson, readSnapshot, trailingMonths } from './read-snapshot.js';
import { overdueQuery } from './window-totals.js';

type Trx = Transaction<ReadModelDatabase>;
type Stage = Readonly<{ stage: LifecycleStage; basis: StageBasis; at: string }>;

export type SnapshotOptions = Readonly<{
  /** Months of metrics per account, ending with the month of `asOf`: enough for twelve-month sums and quarter trends. */
  monthsBack?: number;
}>;

const toMonth = (row: AccountMetricsMonthlyRow): MonthlyMetrics => ({
  month: row.month,
  revenue: fromE4(Number(row.revenue_e4)),
  grossProfit: fromE4(Number(row.gross_profit_e4)),
  orderCount: Number(row.order_count),
  poorQualityRevenue: fromE4(Number(row.poor_quality_revenue_e4)),
  paymentsOnTime: Number(row.payments_on_time),
  paymentsLate: Number(row.payments_late),
  daysLate: Number(row.days_late_sum),
});

async function monthsByAccount(trx: Trx, asOf: string, monthsBack: number) {
  const { from, to } = trailingMonths(asOf, monthsBack);
  const rows = await trx
    .selectFrom('account_metrics_monthly')
    .selectAll()
    .where('month', '>=', from)
    .where('month', '<=', to)
    .orderBy('account_id')
    .orderBy('month')
    .execute();
  const months = new Map<string, MonthlyMetrics[]>();
  for (const row of rows) {
    const list = months.get(row.account_id) ?? [];
    if (list.length === 0) months.set(row.account_id, list);
    list.push(toMonth(row));
  }
  return months;
}

/** Last order by `at`, for the accounts whose latest order is after it (the others' is in the summary). */
async function earlierLastOrders(trx: Trx, at: string) {
  const rows = await trx
    .selectFrom('account_metrics_monthly')
    .select((eb) => ['account_id', eb.fn.max('last_order_at').as('last_order_at')])
    .where('last_order_at', '<=', at)
    .where('account_id', 'in', (eb) =>
      eb.selectFrom('account_summary').select('account_id').where('last_order_at', '>', at),
    )
    .groupBy('account_id')
    .execute();
  return new Map(rows.map((row) => [row.account_id, row.last_order_at]));
}

/** Stage as of `at`, for the accounts whose current stage was entered after it. */
async function earlierStages(trx: Trx, at: string) {
  const rows = await trx
    .selectFrom('lifecycle_history')
    .select(['account_id', 'to_stage', 'basis', 'occurred_at'])
    .where('occurred_at', '<=', at)
    .where('account_id', 'in', (eb) =>
      eb.selectFrom('account_summary').select('account_id').where('stage_changed_at', '>', at),
    )
    .orderBy('position')
    .execute();
  return new Map(
    rows.map((row): [string, Stage] => [
      row.account_id,
      { stage: row.to_stage, basis: row.basis, at: row.occurred_at },
    ]),
  );
}

/** Tier as of `at` (null: not yet classified then), for the accounts classified again after it. */
async function earlierTiers(trx: Trx, at: string) {
  const reclassified = await trx
    .selectFrom('account_summary')
    .select('account_id')
    .where('classified_at', '>', at)
    .execute();
  const rows = await trx
    .selectFrom('classification_history')
    .select(['account_id', 'to_tier'])
    .where('occurred_at', '<=', at)
    .where('account_id', 'in', (eb) =>
      eb.selectFrom('account_summary').select('account_id').where('classified_at', '>', at),
    )
    .orderBy('position')
    .execute();
  const tiers = new Map<string, string | null>(reclassified.map((row) => [row.account_id, null]));
  for (const row of rows) tiers.set(row.account_id, row.to_tier);
  return tiers;
}

type AsOfFacts = Pick<AccountSnapshot, 'tier' | 'months' | 'lastOrderAt' | 'overdueReceivables'>;

const toAccount = (row: AccountSummaryRow, stage: Stage | undefined, facts: AsOfFacts): AccountSnapshot => ({
  accountId: row.account_id,
  name: row.name,
  industry: row.industry,
  region: row.region,
  registeredAt: row.registered_at,
  stage: stage?.stage ?? row.stage,
  stageChangedAt: stage?.at ?? row.stage_changed_at,
  stageBasis: stage?.basis ?? row.stage_basis,
  paymentMode: row.payment_mode as PaymentMode | null,
  creditDays: row.credit_days === null ? null : Number(row.credit_days),
  assessment: parseJson<AssessmentScores | null>(row.assessment, null),
  profile: parseJson<AccountProfile>(row.profile, {}),
  ...facts,
});

/**
 * What the policies evaluate, built from the read models in a few set queries (no query per account).
 * For a past `asOf`: accounts registered later are left out, months after its month are left out,
 * stage, tier, last order and overdue receivables are as of that instant. The month holding `asOf`
 * counts whole, and payment terms, assessment and profile are the latest known: for an exact past
 * view, replay the log up to that date instead.
 */
export async function loadPortfolioSnapshot(
  db: Kysely<ReadModelDatabase>,
  asOf: string,
  options: SnapshotOptions = {},
): Promise<PortfolioSnapshot> {
  const at = canonicalInstant(asOf);
  return readSnapshot(db, async (trx) => {
    const summaries = await trx
      .selectFrom('account_summary')
      .selectAll()
      .where('registered_at', '<=', at)
      .orderBy('account_id')
      .execute();
    const months = await monthsByAccount(trx, at, options.monthsBack ?? 24);
    const lastOrders = await earlierLastOrders(trx, at);
    const stages = await earlierStages(trx, at);
    const tiers = await earlierTiers(trx, at);
    const overdue = new Map(
      (await overdueQuery(trx, at).execute()).map((row) => [row.account_id, Number(row.overdue)]),
    );
    const accounts = summaries.map((row) =>
      toAccount(row, stages.get(row.account_id), {
        tier: tiers.has(row.account_id) ? (tiers.get(row.account_id) ?? null) : row.tier,
        months: months.get(row.account_id) ?? [],
        lastOrderAt:
          row.last_order_at !== null && row.last_order_at > at
            ? (lastOrders.get(row.account_id) ?? null)
            : row.last_order_at,
        overdueReceivables: overdue.get(row.account_id) ?? 0,
      }),
    );
    return { asOf, accounts };
  });
}
