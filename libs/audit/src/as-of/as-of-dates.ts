import { isIsoDateOrDateTime } from '@kam/domain';
import { AsOfDateError } from './as-of.errors.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date-time as given, or a plain date as its last millisecond: "as of 2025-03-31" means the
 * account at the close of that day, with what happened during it.
 */
export const resolveInstant = (field: 'asOf' | 'knownAt', value: string): string => {
  if (!isIsoDateOrDateTime(value)) throw new AsOfDateError(field, value);
  const instant = new Date(value);
  if (DATE_ONLY.test(value)) instant.setUTCHours(23, 59, 59, 999);
  return instant.toISOString();
};

export type AsOfQuery = Readonly<{
  /** Business time: facts that happened by then. Defaults to `knownAt`, else now. */
  asOf?: string;
  /** Log time: only facts recorded by then. Omit for everything recorded so far. */
  knownAt?: string;
}>;

export type ResolvedAsOf = Readonly<{ asOf: string; knownAt: string | null }>;

export const resolveAsOfQuery = (query: AsOfQuery, now: () => Date): ResolvedAsOf => {
  const knownAt = query.knownAt === undefined ? null : resolveInstant('knownAt', query.knownAt);
  const asOf =
    query.asOf === undefined ? (knownAt ?? now().toISOString()) : resolveInstant('asOf', query.asOf);
  return { asOf, knownAt };
};
