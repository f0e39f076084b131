import { openKamSqliteDatabase } from '@kam/event-store/sqlite';
import { Kysely, SqliteDialect } from 'kysely';
import { ensureEvaluationTables, type EvaluationDatabase } from './evaluation-tables.js';
import { registerRunConnection } from './run-connection.js';

/**
 * The run tables live in the same SQLite file as the log and the read models, on a connection of
 * their own, so a run's bookkeeping never waits behind a projection's transaction in this process.
 */
export const openEvaluationStore = async (file: string): Promise<Kysely<EvaluationDatabase>> => {
  const connection = openKamSqliteDatabase({ file });
  connection.pragma('synchronous = NORMAL');
  const db = new Kysely<EvaluationDatabase>({ dialect: new SqliteDialect({ database: connection }) });
  registerRunConnection(db, connection);
  try {
    await ensureEvaluationTables(db);
    return db;
  } catch (error) {
    await db.destroy();
    throw error;
  }
};
