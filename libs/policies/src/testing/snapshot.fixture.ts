import type { AssessmentScores } from '@kam/domain';
import type { AccountSnapshot, MonthlyMetrics, PortfolioSnapshot } from '../portfolio-snapshot.js';

/** A quarter-end as-of: 2026-Q1 is complete; the trailing window is 2025-04 .. 2026-03. */
export const AS_OF = '2026-03-31T23:59:59Z';

type Writable<T> = { -readonly [K in keyof T]?: T[K] };

/** An account with nothing recorded but its registration; override what a test needs. */
export const anAccount = (accountId: string, overrides: Writable<AccountSnapshot> = {}): AccountSnapshot => ({
  accountId,
  name: `Account ${accountId}`,
  industry: 'manufacturing',
  region: 'east',
  registeredAt: '2024-01-01T00:00:00Z',
  stage: 'acquisition',
  stageChangedAt: '2024-01-01T00:00:00Z',
  stageBasis: 'registration',
  tier: null,
  paymentMode: null,
  creditDays: null,
  assessment: null,
  profile: {},
  months: [],
  lastOrderAt: null,
  overdueReceivables: 0,
  ...overrides,
});

/** One month's metrics: one order carrying the revenue, unless told otherwise. */
export const aMonth = (
  month: string,
  revenue: number,
  extra: Writable<MonthlyMetrics> = {},
): MonthlyMetrics => ({
  month,
  revenue,
  grossProfit: 0,
  orderCount: revenue > 0 ? 1 : 0,
  poorQualityRevenue: 0,
  paymentsOnTime: 0,
  paymentsLate: 0,
  daysLate: 0,
  ...extra,
});

/** An account that sold `revenue` in January 2026 (inside the trailing window). */
export const aSeller = (
  accountId: string,
  revenue: number,
  overrides: Writable<AccountSnapshot> = {},
): AccountSnapshot =>
  anAccount(accountId, {
    months: [aMonth('2026-01', revenue)],
    lastOrderAt: '2026-01-15T00:00:00Z',
    ...overrides,
  });

export const anAssessment = (scores: Partial<AssessmentScores> = {}): AssessmentScores => ({
  potential: 0,
  demonstration: 0,
  winnability: 0,
  strength: 0,
  capability: 0,
  acumen: 0,
  ...scores,
});

export const aSnapshot = (accounts: readonly AccountSnapshot[], asOf = AS_OF): PortfolioSnapshot => ({
  asOf,
  accounts,
});
