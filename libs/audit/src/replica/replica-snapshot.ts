import type { AccountProfile, AssessmentScores, PaymentMode } from '@kam/domain';
import type { AccountSnapshot, MonthlyMetrics, PortfolioSnapshot } from '@kam/policies';
import type { AccountReplica } from './account-replica.js';
import { lastOrderBy, monthsWithin, overdueAt } from './replica-figures.js';
import {
  fromE4,
  parseJson,
  toInstant,
  trailingMonths,
  type AccountMetricsMonthlyRow,
} from './projection-model.js';

/** Months of metrics a snapshot carries, as `loadPortfolioSnapshot` reads them by default. */
export const SNAPSHOT_MONTHS = 24;

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

const findLast = <T>(rows: readonly T[], keep: (row: T) => boolean): T | undefined => {
  for (let i = rows.length - 1; i >= 0; i -= 1) {
    const row = rows[i];
    if (row !== undefined && keep(row)) return row;
  }
  return undefined;
};

/** Stage as of `at`: the summary's, unless it was entered after `at`; then the history's. */
const stageAt = (replica: AccountReplica, at: string) => {
  const row = replica.summary!;
  const current = { stage: row.stage, stageBasis: row.stage_basis, stageChangedAt: row.stage_changed_at };
  if (row.stage_changed_at <= at) return current;
  const earlier = findLast(replica.stages, (stage) => stage.occurred_at <= at);
  return earlier === undefined
    ? current
    : { stage: earlier.to_stage, stageBasis: earlier.basis, stageChangedAt: earlier.occurred_at };
};

const tierAt = (replica: AccountReplica, at: string): string | null => {
  const row = replica.summary!;
  if (row.classified_at === null || row.classified_at <= at) return row.tier;
  return findLast(replica.classifications, (change) => change.occurred_at <= at)?.to_tier ?? null;
};

/**
 * The account as `loadPortfolioSnapshot` would read it from read models holding the same events:
 * the same rules, quirks included (the month holding `at` counts whole; payment terms, assessment
 * and profile are the latest known), so a replay of a recorded run sees what the run saw.
 */
export const accountSnapshotAt = (
  replica: AccountReplica,
  at: string,
  months: Readonly<{ from: string; to: string }> = trailingMonths(at, SNAPSHOT_MONTHS),
): AccountSnapshot | null => {
  const row = replica.summary;
  if (row === null || row.registered_at > at) return null;
  return {
    accountId: row.account_id,
    name: row.name,
    industry: row.industry,
    region: row.region,
    registeredAt: row.registered_at,
    ...stageAt(replica, at),
    paymentMode: row.payment_mode as PaymentMode | null,
    creditDays: row.credit_days === null ? null : Number(row.credit_days),
    assessment: replica.parsed('assessment', row.assessment, (text) =>
      parseJson<AssessmentScores | null>(text, null),
    ),
    profile: replica.parsed('profile', row.profile, (text) => parseJson<AccountProfile>(text, {})),
    tier: tierAt(replica, at),
    months: monthsWithin(replica, months).map(toMonth),
    lastOrderAt: lastOrderBy(replica, at),
    overdueReceivables: overdueAt(replica, at),
  };
};

/** Every account registered by `asOf`, in account-id order. */
export const portfolioSnapshotAt = (
  replicas: Iterable<AccountReplica>,
  asOf: string,
  monthsBack = SNAPSHOT_MONTHS,
): PortfolioSnapshot => {
  const at = toInstant(asOf);
  const months = trailingMonths(at, monthsBack);
  const accounts: AccountSnapshot[] = [];
  for (const replica of replicas) {
    const account = accountSnapshotAt(replica, at, months);
    if (account !== null) accounts.push(account);
  }
  accounts.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
  return { asOf, accounts };
};
