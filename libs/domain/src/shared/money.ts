import { ISO_4217_MINOR_UNITS } from './currencies.js';

/** Money on the wire and in events: a decimal string and an ISO 4217 code, never a float. */
export type Money = Readonly<{ amount: string; currency: string }>;

const DECIMAL = /^-?(0|[1-9]\d{0,17})(\.\d{1,4})?$/;

export const isKnownCurrency = (code: string): boolean => Object.hasOwn(ISO_4217_MINOR_UNITS, code);

export const isDecimalString = (value: string): boolean => DECIMAL.test(value);

/**
 * The amount in ten-thousandths of the major unit, as a bigint: exact for every decimal string
 * this module accepts, so sums and comparisons never drift the way floats do.
 */
export const toScaled = (amount: string): bigint => {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const scaled = BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, '0'));
  return negative ? -scaled : scaled;
};

export const fromScaled = (scaled: bigint): string => {
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const whole = abs / 10_000n;
  const fraction = (abs % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  const text = fraction.length > 0 ? `${whole}.${fraction}` : `${whole}`;
  return negative ? `-${text}` : text;
};

/** Decimal places a currency allows (CNY 2, JPY 0, ...). */
export const minorUnits = (currency: string): number => ISO_4217_MINOR_UNITS[currency] ?? 2;

export const compareAmounts = (a: string, b: string): number => {
  const d = toScaled(a) - toScaled(b);
  return d === 0n ? 0 : d < 0n ? -1 : 1;
};

/** For reporting and ranking only; events keep the exact decimal string. */
export const toNumber = (amount: string): number => Number(toScaled(amount)) / 10_000;
