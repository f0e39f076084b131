import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { withoutBusyWait } from '@kam/event-store/sqlite';
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

/** How long a write waits for the file's lock overall: the connection's own busy timeout. */
const LOCK_WAIT_MS = 15_000;

const isBusy = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
};

/**
 * `work` in one write transaction (BEGIN IMMEDIATE). While another connection (a batch thread's
 * group commit, another worker) holds the lock, it is retried every few milliseconds instead of
 * through SQLite's busy handler, whose sleeps grow to 100 ms and can keep missing a lock that
 * is taken and released in turns: a batch thread would sit idle far longer than the lock is held.
 */
export const inRunTransaction = async <T>(
  db: Kysely<EvaluationDatabase>,
  work: (connection: Database.Database) => T,
): Promise<T> => {
  const started = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await withRunConnection(db, (connection) =>
        withoutBusyWait(connection, () => connection.transaction(() => work(connection)).immediate()),
      );
    } catch (error) {
      if (!isBusy(error) || Date.now() - started >= LOCK_WAIT_MS) throw error;
      await sleep(Math.min(1 + attempt, 10));
    }
  }
};
