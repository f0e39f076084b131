/** Shared by every result whose reasons were not asked for; frozen so no caller can fill it. */
export const NO_REASONS: readonly string[] = Object.freeze([]);

/**
 * Reasons are text for people; across 100,000 accounts the sentences of every method cost more
 * than the scoring, and an evaluation run records only the primary method's and the lifecycle's.
 * So each method builds them only when asked.
 */
export const reasonsIf = (explain: boolean, build: () => readonly string[]): readonly string[] =>
  explain ? build() : NO_REASONS;
