/**
 * Calendar arithmetic on UTC month numbers (year × 12 + month − 1), so trailing windows and
 * quarters are integer ranges and 100,000 accounts need no Date objects per month.
 */

export type MonthNumber = number;
export type QuarterNumber = number;

/** Parses an ISO date or date-time; a value that is not one is refused, naming the field. */
export const parseInstant = (iso: string, field: string): Date => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`${field} '${iso}' is not an ISO-8601 date-time`);
  return date;
};

/** The same check as parseInstant, as epoch milliseconds: no Date object per account. */
export const parseTime = (iso: string, field: string): number => {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new RangeError(`${field} '${iso}' is not an ISO-8601 date-time`);
  return time;
};

/** `YYYY-MM` read by character codes: it runs once per account-month, millions of times a run. */
export const monthOfKey = (key: string): MonthNumber => {
  const year = digit(key, 0) * 1000 + digit(key, 1) * 100 + digit(key, 2) * 10 + digit(key, 3);
  return year * 12 + digit(key, 5) * 10 + digit(key, 6) - 1;
};

const digit = (text: string, index: number): number => text.charCodeAt(index) - 48;

export const monthOfDate = (date: Date): MonthNumber => date.getUTCFullYear() * 12 + date.getUTCMonth();

export const quarterOfMonth = (month: MonthNumber): QuarterNumber => Math.floor(month / 3);

export const quarterLabel = (quarter: QuarterNumber): string =>
  `${Math.floor(quarter / 4)}-Q${(quarter % 4) + 1}`;

export const quarterStart = (quarter: QuarterNumber): Date =>
  new Date(Date.UTC(Math.floor(quarter / 4), (quarter % 4) * 3, 1));

/**
 * The last quarter whose revenue is complete as of `asOf`. A quarter still running would look
 * like a fall in revenue, so it counts only when `asOf` is on its last day (a quarter-end run).
 */
export const lastCompleteQuarter = (asOf: Date): QuarterNumber => {
  const quarter = quarterOfMonth(monthOfDate(asOf));
  const nextDay = new Date(asOf.getTime() + 86_400_000);
  return quarterOfMonth(monthOfDate(nextDay)) !== quarter ? quarter : quarter - 1;
};

/** The same wall-clock instant `months` calendar months later (a 31st rolls into the next month). */
export const addMonths = (date: Date, months: number): Date => {
  const shifted = new Date(date.getTime());
  shifted.setUTCMonth(shifted.getUTCMonth() + months);
  return shifted;
};

export const isoDay = (time: Date | number): string => new Date(time).toISOString().slice(0, 10);
