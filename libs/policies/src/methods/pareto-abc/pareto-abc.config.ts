export type AbcClass = 'A' | 'B' | 'C';

/** Shares of total 12-month revenue: A makes the first `aPercent`, B the next `bPercent`, C the rest. */
export type ParetoAbcConfig = Readonly<{ aPercent: number; bPercent: number }>;
