import type { AccountSnapshot, PortfolioSnapshot } from '../portfolio-snapshot.js';
import {
  lastCompleteQuarter,
  monthOfDate,
  monthOfKey,
  parseInstant,
  quarterLabel,
  quarterOfMonth,
} from './calendar.js';
import { percentileRanker } from './percentile-rank.js';

export type SalesConfig = Readonly<{
  /** Weight of revenue booked through poor-quality channels in the sales dimension (source 001). */
  poorQualityWeight: number;
}>;

/** How many complete quarters of revenue the lifecycle trend can look back on. */
export const QUARTERS_KEPT = 5;
const WINDOW_MONTHS = 12;

/** One account's figures over the trailing twelve months, computed once and shared by every method. */
export type AccountFacts = Readonly<{
  account: AccountSnapshot;
  revenue12m: number;
  grossProfit12m: number;
  poorQualityRevenue12m: number;
  /** Revenue with poor-quality sales at their configured weight: what the account sells on its own strength. */
  salesValue12m: number;
  grossMargin12m: number | null;
  orders12m: number;
  paymentsOnTime12m: number;
  paymentsLate12m: number;
  hasSales: boolean;
  /** Percentile of `salesValue12m` among accounts with sales; 0 for an account without. */
  salesPercentile: number;
  /** Revenue of the complete quarters named by `PortfolioFacts.quarterLabels`, oldest first. */
  quarterRevenue: readonly number[];
}>;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export type PortfolioFacts = Readonly<{
  asOf: Date;
  /** Accounts sorted by id: every method returns its results in this order. */
  accounts: readonly AccountFacts[];
  sellerCount: number;
  poorQualityWeight: number;
  /** The complete quarters kept for the lifecycle trend, oldest first; the last ends on or before `asOf`. */
  quarterLabels: readonly string[];
}>;

type Window = Readonly<{ firstMonth: number; lastMonth: number; firstQuarter: number }>;

/**
 * The trailing window is the twelve calendar months ending with the month that holds `asOf`
 * (the snapshot's month of `asOf` holds only what happened up to `asOf`).
 */
export const buildPortfolioFacts = (snapshot: PortfolioSnapshot, sales: SalesConfig): PortfolioFacts => {
  const asOf = parseInstant(snapshot.asOf, 'asOf');
  const lastMonth = monthOfDate(asOf);
  const window = {
    firstMonth: lastMonth - WINDOW_MONTHS + 1,
    lastMonth,
    firstQuarter: lastCompleteQuarter(asOf) - QUARTERS_KEPT + 1,
  };
  const sorted = [...snapshot.accounts].sort((a, b) => compareIds(a.accountId, b.accountId));
  refuseDuplicates(sorted);
  const accounts = sorted.map((account) => accumulate(account, window, sales));
  const sellers = accounts.filter((facts) => facts.hasSales);
  const rank = percentileRanker(sellers.map((facts) => facts.salesValue12m));
  for (const facts of accounts) facts.salesPercentile = facts.hasSales ? rank(facts.salesValue12m) : 0;
  return {
    asOf,
    accounts,
    sellerCount: sellers.length,
    poorQualityWeight: sales.poorQualityWeight,
    quarterLabels: Array.from({ length: QUARTERS_KEPT }, (_, i) => quarterLabel(window.firstQuarter + i)),
  };
};

/** Code-unit order, not locale order: the same on every machine. */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const refuseDuplicates = (accounts: readonly AccountSnapshot[]): void => {
  for (let i = 1; i < accounts.length; i += 1) {
    if (accounts[i]?.accountId === accounts[i - 1]?.accountId) {
      throw new RangeError(`account ${accounts[i]?.accountId} appears twice in the snapshot`);
    }
  }
};

const accumulate = (account: AccountSnapshot, window: Window, sales: SalesConfig): Mutable<AccountFacts> => {
  let revenue = 0;
  let grossProfit = 0;
  let poorQuality = 0;
  let orders = 0;
  let onTime = 0;
  let late = 0;
  const quarterly = new Array<number>(QUARTERS_KEPT).fill(0);
  for (const month of account.months) {
    const number = monthOfKey(month.month);
    const slot = quarterOfMonth(number) - window.firstQuarter;
    if (slot >= 0 && slot < QUARTERS_KEPT) quarterly[slot] = (quarterly[slot] ?? 0) + month.revenue;
    if (number < window.firstMonth || number > window.lastMonth) continue;
    revenue += month.revenue;
    grossProfit += month.grossProfit;
    poorQuality += month.poorQualityRevenue;
    orders += month.orderCount;
    onTime += month.paymentsOnTime;
    late += month.paymentsLate;
  }
  return {
    account,
    revenue12m: revenue,
    grossProfit12m: grossProfit,
    poorQualityRevenue12m: poorQuality,
    salesValue12m: revenue - poorQuality * (1 - sales.poorQualityWeight),
    grossMargin12m: revenue > 0 ? grossProfit / revenue : null,
    orders12m: orders,
    paymentsOnTime12m: onTime,
    paymentsLate12m: late,
    hasSales: revenue > 0,
    // Ranked once every account is summed. A fractional placeholder keeps V8 storing the field as a
    // double from the start: a whole 0 here, overwritten by a fraction in 100,000 objects already
    // built, makes V8 re-shape every one of them, which costs more than the ranking.
    salesPercentile: Number.NaN,
    quarterRevenue: quarterly,
  };
};
