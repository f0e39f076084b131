import type { Kysely } from 'kysely';
import type { ProjectionBackend } from './runner/projection-backend.js';
import type { ReadModelDatabase } from './schema/read-model.database.js';

/** An open read-model database: Kysely for queries, locks and checkpoints; the backend for projection writes. */
export type ReadModels = Readonly<{
  db: Kysely<ReadModelDatabase>;
  backend: ProjectionBackend;
  /** Projections whose tables this build found with other columns and reset: the runner refolds them. */
  reset: readonly string[];
  /** The SQLite file the models live in, when they do: a rebuild's threads open it for themselves. */
  sqliteFile?: string;
  close(): Promise<void>;
}>;
