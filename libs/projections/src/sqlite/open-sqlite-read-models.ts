import path from 'node:path';
import { openKamSqliteDatabase } from '@kam/event-store';
import { Kysely, SqliteDialect } from 'kysely';
import type { ReadModels } from '../read-models.js';
import { ensureReadModelSchema, type ReadModelDatabase } from '../schema/read-model.database.js';
import { SqliteProjectionBackend } from './sqlite-projection.backend.js';

export type SqliteReadModelsOptions = Readonly<{
  /** Usually the event store's own file, `<data-dir>/kam.db`. */
  file: string;
  busyTimeoutMs?: number;
}>;

/** The connection only the projection writer uses: a rebuild thread opens one of its own. */
export function openSqliteProjectionBackend(file: string, busyTimeoutMs?: number): SqliteProjectionBackend {
  const writer = openKamSqliteDatabase({ file, busyTimeoutMs });
  // WAL with synchronous=NORMAL survives a process crash intact; a power loss can drop the last
  // commits, and with them their checkpoint, so the runner folds those events again: nothing is lost.
  writer.pragma('synchronous = NORMAL');
  return new SqliteProjectionBackend(writer);
}

/**
 * Two connections to the file: one for queries, locks and checkpoints through Kysely, and one that
 * only the projection writer uses. The writer's transactions are synchronous, so they never interleave
 * with a query's transaction held open across awaits on the other connection.
 */
export async function openSqliteReadModels(options: SqliteReadModelsOptions): Promise<ReadModels> {
  const reader = openKamSqliteDatabase(options);
  reader.pragma('synchronous = NORMAL');
  const db = new Kysely<ReadModelDatabase>({ dialect: new SqliteDialect({ database: reader }) });
  let reset: readonly string[];
  try {
    reset = await ensureReadModelSchema(db, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const backend = openSqliteProjectionBackend(options.file, options.busyTimeoutMs);
  return {
    db,
    backend,
    sqliteFile: path.resolve(options.file),
    reset,
    close: async () => {
      await backend.close();
      await db.destroy();
    },
  };
}
