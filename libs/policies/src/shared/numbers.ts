/**
 * Scores are kept to two decimals: an evaluation records a change only when tier or score moves,
 * and float noise in the fifteenth digit must not count as a move.
 */
export const round2 = (value: number): number => Math.round(value * 100) / 100 + 0;

/** Fixed two-decimal text for reasons; cheaper than locale formatting over 100,000 accounts. */
export const fmt = (value: number, digits = 2): string =>
  digits === 2 ? twoDecimals(value) : value.toFixed(digits);

/**
 * Most figures in reasons (scores, contributions, assessments) are already whole hundredths, and
 * `toFixed` is a runtime call costing more than the rest of a sentence. When `value` is the double
 * nearest to hundredths / 100 its exact decimal lies far closer to that than to any neighbour, so
 * `toFixed(2)` would print exactly those hundredths: they are printed from the integer instead.
 * Below 1e13 the double's error stays well under half a hundredth; anything else goes to `toFixed`.
 */
const twoDecimals = (value: number): string => {
  const hundredths = Math.round(value * 100);
  if (hundredths / 100 !== value || hundredths >= 1e15 || hundredths <= -1e15) return value.toFixed(2);
  return hundredths < 0 ? `-${unsignedHundredths(-hundredths)}` : unsignedHundredths(hundredths);
};

const unsignedHundredths = (hundredths: number): string => {
  const whole = Math.floor(hundredths / 100);
  return `${whole}${CENTS[hundredths - whole * 100] ?? ''}`;
};

/** '.00' to '.99': the cents cost a look-up rather than a second number printed. */
const CENTS = Array.from({ length: 100 }, (_, cents) => (cents < 10 ? `.0${cents}` : `.${cents}`));

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
