import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { EvaluationDatabase } from './evaluation-tables.js';

/**
 * The SQLite connection under each run store's Kysely instance. A run's bulk bookkeeping (a hundred
 * thousand planned changes, then a thousand claims and outcomes per batch) goes through prepared
 * statements on it: building and preparing a Kysely query per chunk cost several times the writes.
 */
const connections = new WeakMap<Kysely<EvaluationDatabase>, Database.Database>();

export const registerRunConnection = (
  db: Kysely<EvaluationDatabase>,
  connection: Database.Database,
): void => {
  connections.set(db, connection);
};

/**
 * Runs `work` on the raw connection while holding Kysely's hold on it, so no Kysely query (a
 * progress poll, another job's bookkeeping in a worker) interleaves with it.
 */
export const withRunConnection = async <T>(
  db: Kysely<EvaluationDatabase>,
  work: (connection: Database.Database) => T,
): Promise<T> => {
  const connection = connections.get(db);
  if (connection === undefined) throw new Error('the run store was not opened by openEvaluationStore');
  return db.connection().execute(async () => work(connection));
};
