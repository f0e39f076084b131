/**
 * A booked decimal string as a number, for ranking and reporting. `Number()` of a decimal string is
 * the correctly rounded double, as exact as `toNumber` (scaled bigint, then divided) and several
 * times cheaper: a rebuild calls this for every invoice in the log.
 */
export const amountValue = (amount: string): number => {
  const value = Number(amount);
  if (amount.length === 0 || !Number.isFinite(value)) throw new RangeError(`Not a decimal amount: ${amount}`);
  return value;
};

const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,4}))?$/;

/**
 * The amount in ten-thousandths, as an integer number: sums of these are exact in any order, so a
 * model folded in small batches (a runner) and in large ones (a rebuild) holds the same figures.
 * Exact up to about 900 billion in the major unit, like `toScaled`, without bigint arithmetic.
 */
export const amountE4 = (amount: string): number => {
  const match = DECIMAL.exec(amount);
  if (match === null) throw new RangeError(`Not a decimal amount: ${amount}`);
  const [, sign, whole = '0', fraction = ''] = match;
  const value = Number(whole) * 10_000 + Number(fraction.padEnd(4, '0'));
  return sign === '-' ? -value : value;
};

export const fromE4 = (value: number): number => value / 10_000;
