import { InvalidArgumentError } from 'commander';

/** Flag parsers: a bad value stops with one line naming the flag (commander adds the flag's name). */
export const wholeNumber =
  (min: number, max: number) =>
  (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.replaceAll('_', '')) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}.`);
    }
    return n;
  };

export const isoDate = (value: string): Date => {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('must be an ISO date such as 2026-03-31.');
  }
  return date;
};

export type GlobalOptions = Readonly<{ dataDir?: string }>;
