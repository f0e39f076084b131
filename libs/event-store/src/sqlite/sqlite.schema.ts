import type Database from 'better-sqlite3';
import { EventStoreCorruptError } from '../event-store.errors.js';

/**
 * Written into the SQLite header (`PRAGMA application_id`): 'KAML'. A file carrying it is ours, so
 * other kam-ledger tables (read models, checkpoints) beside the event log are expected, not foreign.
 */
export const KAM_APPLICATION_ID = 0x4b414d4c;

/** `PRAGMA user_version` of a file this code fully understands. */
export const KAM_SCHEMA_VERSION = 1;

/**
 * The log. `position` is the rowid: the cheapest strictly increasing key SQLite has. There is no
 * AUTOINCREMENT (it costs a second b-tree write per row) because nothing ever deletes an event, so
 * max(rowid) + 1 never goes back; a rolled-back insert was never visible, so reusing its rowid is safe.
 * The stream's current revision is read from the (stream_id, revision) index instead of a streams
 * table: one fewer write per append, and no stream row that a failed append could leave behind.
 * Event ids are unique per stream, as in EventStoreDB: an index on the id alone would put every
 * random UUID on its own page, so a 100-event append would rewrite about 100 index pages; keyed by
 * stream first, the new entries of one append share a page or two.
 */
export const EVENTS_TABLE_DDL = `
CREATE TABLE events (
  position INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  stream_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX events_stream_id ON events (stream_id, id);
CREATE UNIQUE INDEX events_stream_revision ON events (stream_id, revision);
`;

const EVENTS_COLUMNS = ['position', 'id', 'stream_id', 'revision', 'type', 'data', 'metadata', 'recorded_at'];

/** Migration i takes a file from user_version i to i + 1; each runs in the caller's write transaction. */
const MIGRATIONS: readonly ((db: Database.Database) => void)[] = [(db) => db.exec(EVENTS_TABLE_DDL)];

export type FileHeader = Readonly<{
  applicationId: number;
  userVersion: number;
  /** Tables, indexes, views and triggers; null when there are some but their names were not read. */
  objects: readonly string[] | null;
}>;

export function readFileHeader(db: Database.Database): FileHeader {
  const applicationId = Number(db.pragma('application_id', { simple: true }));
  const userVersion = Number(db.pragma('user_version', { simple: true }));
  const objects = db
    .prepare<[], string>(
      "SELECT name FROM sqlite_master WHERE type IN ('table', 'view', 'index', 'trigger') AND name NOT LIKE 'sqlite_%'",
    )
    .pluck()
    .all();
  return { applicationId, userVersion, objects };
}

/** Throws unless the file is empty or a kam-ledger file this version can read. Reads only. */
export function assertOwnFile(file: string, header: FileHeader): void {
  const { applicationId, userVersion, objects } = header;
  if (applicationId === 0 && objects?.length === 0) return;
  if (applicationId !== KAM_APPLICATION_ID) {
    const names = objects === null ? '' : ` (${objects.slice(0, 5).join(', ')})`;
    const what =
      applicationId === 0
        ? `it holds tables that are not kam-ledger's${names}`
        : `it belongs to another application (application_id ${applicationId})`;
    throw new EventStoreCorruptError(
      `${file} is a SQLite database but not a kam-ledger event store: ${what}. It was left untouched; ` +
        'point KAM_DATA_DIR at another directory or move the file away.',
    );
  }
  if (userVersion > KAM_SCHEMA_VERSION) {
    throw new EventStoreCorruptError(
      `${file} was written by a newer kam-ledger (schema ${userVersion}; this version reads up to ` +
        `${KAM_SCHEMA_VERSION}). It was left untouched; upgrade kam-ledger to open it.`,
    );
  }
  if (userVersion === KAM_SCHEMA_VERSION && objects !== null && !objects.includes('events')) {
    throw new EventStoreCorruptError(
      `${file} is marked as a kam-ledger event store but has no events table; it is damaged and was left untouched.`,
    );
  }
}

/** Must run inside a write transaction: re-reads the header so two processes creating one file agree. */
export function migrate(file: string, db: Database.Database): void {
  const header = readFileHeader(db);
  assertOwnFile(file, header);
  const missingColumns = header.userVersion >= 1 ? missingEventColumns(db) : [];
  if (missingColumns.length > 0) {
    throw new EventStoreCorruptError(
      `${file}: the events table lacks ${missingColumns.join(', ')}; the file is damaged and was left untouched.`,
    );
  }
  if (header.applicationId === 0) db.pragma(`application_id = ${KAM_APPLICATION_ID}`);
  for (let version = header.userVersion; version < KAM_SCHEMA_VERSION; version += 1) {
    MIGRATIONS[version]?.(db);
  }
  if (header.userVersion !== KAM_SCHEMA_VERSION) db.pragma(`user_version = ${KAM_SCHEMA_VERSION}`);
}

function missingEventColumns(db: Database.Database): string[] {
  const present = new Set(
    db.prepare<[], string>("SELECT name FROM pragma_table_info('events')").pluck().all(),
  );
  return EVENTS_COLUMNS.filter((column) => !present.has(column));
}
