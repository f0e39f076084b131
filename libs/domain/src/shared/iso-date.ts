/**
 * ISO-8601 dates (`2026-01-15`) and date-times with an offset (`2026-01-15T08:30:00Z`,
 * `...+08:00`). A date-time without an offset is refused: JavaScript would read it in the machine's
 * time zone, and the same event must mean the same instant everywhere it is replayed.
 */
const ISO_DATE_OR_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d))?$/;

export const MILLISECONDS_PER_DAY = 86_400_000;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Instants parsed lately. The commands of one evaluation batch (a thousand accounts) all carry the
 * same `occurredAt` and `now`, each parsed several times on its way; a replay meets the same dates
 * over and over. Bounded: emptied when full.
 */
const recentlyParsed = new Map<string, number | null>();
const RECENT_LIMIT = 256;

/** Milliseconds since the epoch, or null when the text is not a real calendar date in ISO form. */
export const parseIsoInstant = (text: string): number | null => {
  const known = recentlyParsed.get(text);
  if (known !== undefined) return known;
  const instant = parseUncached(text);
  if (recentlyParsed.size >= RECENT_LIMIT) recentlyParsed.clear();
  recentlyParsed.set(text, instant);
  return instant;
};

const parseUncached = (text: string): number | null => {
  const match = ISO_DATE_OR_DATE_TIME.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // Date.parse rolls 2026-02-30 over into March; a ledger must refuse it instead.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const instant = Date.parse(text);
  return Number.isNaN(instant) ? null : instant;
};

export const isIsoDateOrDateTime = (text: string): boolean => parseIsoInstant(text) !== null;

/** Whole days from `from` to `to` (negative when `to` is earlier); both must be valid ISO text. */
export const wholeDaysBetween = (from: string, to: string): number => {
  const start = parseIsoInstant(from);
  const end = parseIsoInstant(to);
  if (start === null || end === null) throw new RangeError(`Not ISO-8601: ${start === null ? from : to}`);
  return Math.trunc((end - start) / MILLISECONDS_PER_DAY);
};

/** The later of two ISO instants (null counts as earliest). */
export const laterInstant = (a: string | null, b: string): string => {
  if (a === null) return b;
  return (parseIsoInstant(b) ?? 0) > (parseIsoInstant(a) ?? 0) ? b : a;
};
