import type { Cadence } from './replay-dates.js';

export type TierScore = Readonly<{ tier: string; score: number }>;

/** `null` row/column key: the account had no tier recorded by then. */
export const NO_TIER = '(none)';

/** recorded tier -> replayed tier -> accounts. */
export type MigrationMatrix = Readonly<Record<string, Readonly<Record<string, number>>>>;

export type TierChange = Readonly<{
  accountId: string;
  name: string;
  recordedTier: string | null;
  replayedTier: string;
  recordedScore: number | null;
  replayedScore: number;
}>;

export type RecordedRunRef = Readonly<{ runId: string; policyId: string; policyVersion: string }>;

export type ReplayedDate = Readonly<{
  date: string;
  /** The run recorded at exactly this date, if any; otherwise the comparison is with the tiers then in force. */
  recordedRun: RecordedRunRef | null;
  accounts: number;
  differences: number;
  matrix: MigrationMatrix;
  changes: readonly TierChange[];
}>;

/** How the accounts a policy put in its top tiers fared within the horizon after each date. */
export type TopTierFate = Readonly<{
  /** Account-dates in a top tier, over the dates whose horizon the log covers. */
  topTierAccounts: number;
  churned: number;
  declined: number;
  /** (churned + declined) / topTierAccounts; null with no top-tier accounts. */
  rate: number | null;
}>;

export type Aftermath = Readonly<{
  horizonMonths: number;
  topTiers: readonly string[];
  /** The dates whose horizon ends by the last fact in the log; later ones cannot be judged yet. */
  datesJudged: readonly string[];
  replayed: TopTierFate;
  recorded: TopTierFate;
}>;

/** `kam replay --json`: `dates`, `differences` and `perDate` are the CLI's contract. */
export type ReplayReport = Readonly<{
  policy: Readonly<{ id: string; version: string; source: string }>;
  every: Cadence;
  dates: readonly string[];
  /** Accounts whose replayed tier differs from the recorded one, summed over the dates. */
  differences: number;
  perDate: readonly ReplayedDate[];
  aftermath: Aftermath;
  counterfactual: Readonly<{
    accountId: string;
    excluded: readonly string[];
    altered: readonly string[];
  }> | null;
  events: number;
  seconds: number;
}>;
