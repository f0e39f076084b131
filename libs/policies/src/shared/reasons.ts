/** Shared by every result whose reasons were not asked for; frozen so no caller can fill it. */
export const NO_REASONS: readonly string[] = Object.freeze([]);

/**
 * Reasons are text for people; across 100,000 accounts the sentences of every method cost more
 * than the scoring, and an evaluation run records only the primary method's and the lifecycle's.
 * So each method builds them only when asked.
 */
export const reasonsIf = (explain: boolean, build: () => readonly string[]): readonly string[] =>
  explain ? flatTexts(build()) : NO_REASONS;

/**
 * A sentence joined from template parts is, in V8, a tree of those parts until something reads it.
 * Kept as trees, an evaluation's reasons take about three times the memory of their text, and every
 * young-generation collection of the run copies all of it; reading one character makes V8 flatten
 * the sentence into one string now, while the parts are young and free to drop.
 */
export const flatText = (text: string): string => {
  text.charCodeAt(0);
  return text;
};

const flatTexts = (texts: readonly string[]): readonly string[] => {
  for (const text of texts) flatText(text);
  return texts;
};
