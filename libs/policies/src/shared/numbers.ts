/**
 * Scores are kept to two decimals: an evaluation records a change only when tier or score moves,
 * and float noise in the fifteenth digit must not count as a move.
 */
export const round2 = (value: number): number => Math.round(value * 100) / 100 + 0;

/** Fixed two-decimal text for reasons; cheaper than locale formatting over 100,000 accounts. */
export const fmt = (value: number, digits = 2): string => value.toFixed(digits);

export const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** Weighted contributions that add up exactly to the score a person can check by hand. */
export const weightedContributions = <K extends string>(
  keys: readonly K[],
  weights: Readonly<Record<K, number>>,
  values: Readonly<Record<K, number>>,
): { components: Record<K, number>; score: number } => {
  let total = 0;
  for (const key of keys) total += weights[key];
  const components = {} as Record<K, number>;
  let score = 0;
  for (const key of keys) {
    components[key] = round2((weights[key] * values[key]) / total);
    score += components[key];
  }
  return { components, score: round2(score) };
};
