import type { InputValue, TierCohort } from '@kam/policies';

export type Contribution = Readonly<{ name: string; contribution: number }>;
export type InputChange = Readonly<{ name: string; before: InputValue | null; after: InputValue | null }>;
export type CutoffChange = Readonly<{ tier: string; before: number | null; after: number | null }>;

/** Replaying the recorded run's policy on the log as the run read it, and whether it matches. */
export type Reproduction = Readonly<{
  tier: string;
  score: number;
  components: Readonly<Record<string, number>>;
  matches: boolean;
  /** What differs, for a person; empty when it matches. */
  mismatches: readonly string[];
}>;

export type SincePrevious = Readonly<{
  runId: string;
  asOf: string;
  tier: string;
  score: number;
  inputChanges: readonly InputChange[];
  cutoffChanges: readonly CutoffChange[];
  portfolioSize: Readonly<{ before: number; after: number }>;
  /** The account's own facts that happened between the two evaluations, counted by type. */
  ownFacts: Readonly<Record<string, number>>;
  /** Which side moved the tier: its own score, the portfolio's cut-offs, both, or neither. */
  cause: 'own facts' | 'rest of the portfolio' | 'both' | 'neither';
  summary: string;
}>;

/** `kam explain --json` and `GET /accounts/{id}/classifications/{n}`. */
export type ClassificationExplanation = Readonly<{
  accountId: string;
  /** 1-based: the n-th classification recorded for the account, of `of`. */
  n: number;
  of: number;
  runId: string;
  policy: Readonly<{ id: string; version: string; name: string | null }>;
  asOf: string;
  recordedAt: string;
  revision: number;
  position: string;
  tier: string;
  previousTier: string | null;
  score: number;
  components: readonly Contribution[];
  reasons: readonly string[];
  /** Every input the primary method read, as it stood for the run; empty when the policy is unavailable. */
  inputs: Readonly<Record<string, InputValue>>;
  cohort: readonly TierCohort[];
  portfolioSize: number | null;
  /** "top 5% (strategic) began at score 81.2; it was 74.3". */
  standing: readonly string[];
  reproduced: Reproduction | null;
  sincePrevious: SincePrevious | null;
  /** Why parts are missing (say, the policy document of that version is not available). */
  notes: readonly string[];
}>;
