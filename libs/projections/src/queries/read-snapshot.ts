import type { Kysely, Transaction } from 'kysely';
import type { ReadModelDatabase } from '../schema/read-model.database.js';

/**
 * Runs several reads against one snapshot, so a rebuild's swap or a runner's commit between them
 * cannot mix an old and a new model in one answer. SQLite in WAL mode snapshots at a transaction's
 * first read; PostgreSQL needs REPEATABLE READ for the same (SQLite's driver ignores the level).
 */
export const readSnapshot = <T>(
  db: Kysely<ReadModelDatabase>,
  read: (trx: Transaction<ReadModelDatabase>) => Promise<T>,
): Promise<T> => db.transaction().setIsolationLevel('repeatable read').execute(read);

/** `YYYY-MM` of an ISO date or date-time, in UTC. */
export const monthOfDate = (asOf: string): string => new Date(asOf).toISOString().slice(0, 7);

/** The `months` business months ending with the month of `asOf`, as inclusive `YYYY-MM` bounds. */
export const trailingMonths = (asOf: string, months = 12): Readonly<{ from: string; to: string }> => {
  const end = new Date(asOf);
  if (Number.isNaN(end.getTime())) throw new RangeError(`Not an ISO-8601 date or date-time: ${asOf}`);
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - (months - 1), 1));
  return { from: start.toISOString().slice(0, 7), to: end.toISOString().slice(0, 7) };
};

/** The instant in the read models' canonical form, for comparing with stored times as text. */
export const canonicalInstant = (asOf: string): string => {
  const instant = new Date(asOf);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Not an ISO-8601 date or date-time: ${asOf}`);
  return instant.toISOString();
};

export const parseJson = <T>(text: string | null, fallback: T): T =>
  text === null ? fallback : (JSON.parse(text) as T);
