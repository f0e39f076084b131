import type { AccountSummaryRow } from '../model/account-summary.table.js';
import { parseJson } from './read-snapshot.js';
import { averageDaysLate, grossMargin, type WindowTotals } from './window-totals.js';

/** A row of `kam accounts list`: the keys are the CLI's contract (../shared/surface.md). */
export type AccountListItem = Readonly<{
  accountId: string;
  name: string;
  stage: string;
  tier: string | null;
  score: number | null;
  revenue12m: number;
  /** Gross profit over revenue in the trailing twelve months, 0..1; null when nothing was sold. */
  grossMargin12m: number | null;
  paymentMode: string | null;
  paymentRisk: string | null;
  owner: string | null;
  revision: number;
}>;

/** `kam accounts show`: the summary with everything computed for the date asked about. */
export type AccountView = AccountListItem &
  Readonly<{
    industry: string;
    region: string;
    source: string | null;
    registeredAt: string;
    stageBasis: string;
    stageChangedAt: string;
    classifiedAt: string | null;
    policyVersion: string | null;
    team: Readonly<Record<string, readonly string[]>>;
    creditDays: number | null;
    assessment: Readonly<Record<string, number>> | null;
    assessedAt: string | null;
    profile: Readonly<Record<string, unknown>>;
    grossProfit12m: number;
    orders12m: number;
    poorQualityRevenue12m: number;
    overdueReceivables: number;
    averageDaysLate: number | null;
    lastOrderAt: string | null;
    lastInteractionAt: string | null;
    /** Global position of the last event folded in, as a decimal string. */
    position: string;
    asOf: string;
  }>;

/** The summary columns a list item shows: a page of 50 reads these, not all of the row. */
export const LIST_COLUMNS = [
  'account_id',
  'name',
  'stage',
  'tier',
  'score',
  'payment_mode',
  'payment_risk',
  'owner',
  'revision',
] as const satisfies readonly (keyof AccountSummaryRow)[];

export type ListColumns = Pick<AccountSummaryRow, (typeof LIST_COLUMNS)[number]>;

export const toListItem = (row: ListColumns, totals: WindowTotals): AccountListItem => ({
  accountId: row.account_id,
  name: row.name,
  stage: row.stage,
  tier: row.tier,
  score: row.score === null ? null : Number(row.score),
  revenue12m: totals.revenue,
  grossMargin12m: grossMargin(totals),
  paymentMode: row.payment_mode,
  paymentRisk: row.payment_risk,
  owner: row.owner,
  revision: Number(row.revision),
});

// One literal, not `{ ...toListItem(row, totals), industry, ... }`: V8 (Node 20) adds every property
// after a spread on a slow path and leaves a slow object for JSON.stringify; that spread alone cost
// GET /accounts/{id} ~35 µs a call. The list item's keys come first, in its order, as before.
export const toAccountView = (
  row: AccountSummaryRow,
  totals: WindowTotals,
  overdue: number,
  asOf: string,
): AccountView => {
  const item = toListItem(row, totals);
  return {
    accountId: item.accountId,
    name: item.name,
    stage: item.stage,
    tier: item.tier,
    score: item.score,
    revenue12m: item.revenue12m,
    grossMargin12m: item.grossMargin12m,
    paymentMode: item.paymentMode,
    paymentRisk: item.paymentRisk,
    owner: item.owner,
    revision: item.revision,
    industry: row.industry,
    region: row.region,
    source: row.source,
    registeredAt: row.registered_at,
    stageBasis: row.stage_basis,
    stageChangedAt: row.stage_changed_at,
    classifiedAt: row.classified_at,
    policyVersion: row.policy_version,
    team: parseJson(row.team, {}),
    creditDays: row.credit_days === null ? null : Number(row.credit_days),
    assessment: parseJson(row.assessment, null),
    assessedAt: row.assessed_at,
    profile: parseJson(row.profile, {}),
    grossProfit12m: totals.grossProfit,
    orders12m: totals.orders,
    poorQualityRevenue12m: totals.poorQualityRevenue,
    overdueReceivables: overdue,
    averageDaysLate: averageDaysLate(totals),
    lastOrderAt: row.last_order_at,
    lastInteractionAt: row.last_interaction_at,
    position: String(row.position),
    asOf,
  };
};
