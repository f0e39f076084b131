import type { AccountProfile, AssessmentScores, LifecycleStage, PaymentMode } from '@kam/domain';
import type { AccountSnapshot, MonthlyMetrics, PortfolioSnapshot, StageBasis } from '@kam/policies';
import { sql, type Kysely, type Transaction } from 'kysely';
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

/** The month and its figures, in the order `toMonth` reads them back. */
const MONTH_COLUMNS = [
  'month',
  'revenue_e4',
  'gross_profit_e4',
  'order_count',
  'poor_quality_revenue_e4',
  'payments_on_time',
  'payments_late',
  'days_late_sum',
] as const satisfies readonly (keyof AccountMetricsMonthlyRow)[];
type PackedMonth = readonly [month: string, ...figures: number[]];

const toMonth = (packed: PackedMonth): MonthlyMetrics => {
  const [month, revenue, grossProfit, orders, poorQuality, onTime, late, daysLate] = packed;
  return {
    month,
    revenue: fromE4(Number(revenue)),
    grossProfit: fromE4(Number(grossProfit)),
    orderCount: Number(orders),
    poorQualityRevenue: fromE4(Number(poorQuality)),
    paymentsOnTime: Number(onTime),
    paymentsLate: Number(late),
    daysLate: Number(daysLate),
  };
};

/**
 * Each account's months in its own summary row, as one JSON array, ascending: the months of an
 * account are one primary-key range, so a look-up per account reads them in order, and the snapshot
 * needs no second pass over the table, no second set of 100,000 rows and no map from id to months.
 */
const packedMonths = sql<string>`json_group_array(json_array(${sql.join(MONTH_COLUMNS.map((column) => sql.ref(`m.${column}`)))}))`;

const toMonths = (text: string | null): MonthlyMetrics[] => {
  // A scalar subquery is typed nullable, though json_group_array over no months gives '[]'.
  const packed = text === null ? [] : (JSON.parse(text) as PackedMonth[]);
  // The key-order range hands the months over ascending; sorted here only if not.
  if (!packed.every((month, i) => i === 0 || (packed[i - 1]?.[0] ?? '') < month[0])) {
    packed.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }
  return packed.map(toMonth);
};

/**
 * Whether any account's order, stage or tier is later than `at`. Each as-of look-up scans the
 * summary for such accounts; for a snapshot of now there are none, and one scan says so for all three.
 */
async function changedAfter(trx: Trx, at: string): Promise<boolean> {
  const row = await trx
    .selectFrom('account_summary')
    .select('account_id')
    .where((eb) =>
      eb.or([eb('last_order_at', '>', at), eb('stage_changed_at', '>', at), eb('classified_at', '>', at)]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
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

/** What is known as of `at` for the accounts it differs for. */
type AsOfLookups = Readonly<{
  at: string;
  lastOrders: ReadonlyMap<string, string | null>;
  stages: ReadonlyMap<string, Stage>;
  tiers: ReadonlyMap<string, string | null>;
  overdue: ReadonlyMap<string, number>;
}>;

/**
 * The summary columns a snapshot uses, packed by SQLite into one JSON array per account: the others
 * (owner, revision, ...) are not fetched, and one text value per row is far cheaper to hand over
 * than fourteen.
 */
const SUMMARY_COLUMNS = [
  'account_id',
  'name',
  'industry',
  'region',
  'registered_at',
  'stage',
  'stage_changed_at',
  'stage_basis',
  'tier',
  'payment_mode',
  'credit_days',
  'assessment',
  'profile',
  'last_order_at',
] as const satisfies readonly (keyof AccountSummaryRow)[];
type Packed<T extends readonly (keyof AccountSummaryRow)[]> = {
  -readonly [I in keyof T]: AccountSummaryRow[T[I]];
};
type PackedSummary = Packed<typeof SUMMARY_COLUMNS>;

const packedSummary = sql<string>`json_array(${sql.join(SUMMARY_COLUMNS.map((column) => sql.ref(column)))})`;

const toAccount = (packed: PackedSummary, months: MonthlyMetrics[], known: AsOfLookups): AccountSnapshot => {
  const [accountId, name, industry, region, registeredAt, stage, stageChangedAt, stageBasis, tier] = packed;
  const [, , , , , , , , , paymentMode, creditDays, assessment, profile, lastOrderAt] = packed;
  const earlier = known.stages.get(accountId);
  return {
    accountId,
    name,
    industry,
    region,
    registeredAt,
    stage: earlier?.stage ?? stage,
    stageChangedAt: earlier?.at ?? stageChangedAt,
    stageBasis: earlier?.basis ?? stageBasis,
    paymentMode: paymentMode as PaymentMode | null,
    creditDays: creditDays === null ? null : Number(creditDays),
    assessment: parseJson<AssessmentScores | null>(assessment, null),
    profile: parseJson<AccountProfile>(profile, {}),
    tier: known.tiers.has(accountId) ? (known.tiers.get(accountId) ?? null) : tier,
    months,
    lastOrderAt:
      lastOrderAt !== null && lastOrderAt > known.at
        ? (known.lastOrders.get(accountId) ?? null)
        : lastOrderAt,
    overdueReceivables: known.overdue.get(accountId) ?? 0,
  };
};

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
    const { from, to } = trailingMonths(at, options.monthsBack ?? 24);
    const summaries = await trx
      .selectFrom('account_summary')
      .select((eb) => [
        packedSummary.as('summary'),
        eb
          .selectFrom('account_metrics_monthly as m')
          .select(packedMonths.as('months'))
          .whereRef('m.account_id', '=', 'account_summary.account_id')
          .where('m.month', '>=', from)
          .where('m.month', '<=', to)
          .as('months'),
      ])
      .where('registered_at', '<=', at)
      .orderBy('account_id')
      .execute();
    const past = await changedAfter(trx, at);
    const known: AsOfLookups = {
      at,
      lastOrders: past ? await earlierLastOrders(trx, at) : new Map(),
      stages: past ? await earlierStages(trx, at) : new Map(),
      tiers: past ? await earlierTiers(trx, at) : new Map(),
      overdue: new Map(
        (await overdueQuery(trx, at).execute()).map((row) => [row.account_id, Number(row.overdue)]),
      ),
    };
    const accounts = summaries.map(({ summary, months }) =>
      toAccount(JSON.parse(summary) as PackedSummary, toMonths(months), known),
    );
    return { asOf, accounts };
  });
}
