import Database from 'better-sqlite3';
import { dirname, resolve } from 'node:path';
import { EventStoreUnavailableError } from '../event-store.errors.js';
import {
  asCorruptIfDamaged,
  ensureWritableDirectory,
  hasContent,
  inspectExistingFile,
} from './sqlite.file-guard.js';
import { KAM_APPLICATION_ID, KAM_SCHEMA_VERSION, migrate, readFileHeader } from './sqlite.schema.js';

export type KamSqliteDatabaseOptions = Readonly<{
  file: string;
  /** How long a writer waits for another process's write transaction before failing. */
  busyTimeoutMs?: number;
}>;

const DEFAULT_BUSY_TIMEOUT_MS = 15_000;

/**
 * Opens (creating if missing) the kam-ledger SQLite file: WAL with synchronous=FULL, so a commit that
 * returned survives a power loss. Read models may open the same file through this function, so that
 * whoever comes first marks it as ours. A foreign or damaged file is refused before anything writes
 * to it (see sqlite.file-guard.ts).
 */
export function openKamSqliteDatabase(options: KamSqliteDatabaseOptions): Database.Database {
  const file = resolve(options.file);
  ensureWritableDirectory(dirname(file));
  if (hasContent(file)) inspectExistingFile(file);
  const db = openReadWrite(file, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
  try {
    configure(db);
    if (!isCurrent(db)) db.transaction(() => migrate(file, db)).immediate();
    return db;
  } catch (error) {
    db.close();
    throw asCorruptIfDamaged(file, error);
  }
}

/**
 * `work` (a BEGIN IMMEDIATE) with the connection's busy handler off, so it fails at once with
 * SQLITE_BUSY while another connection holds the write lock. The handler would sleep the thread
 * 1 ms, then 2, then 5 and longer, synchronously: every request of an event loop waits behind
 * it, and a lock taken and released in turns is missed again and again. The caller retries
 * asynchronously instead.
 */
export function withoutBusyWait<T>(db: Database.Database, work: () => T): T {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return work();
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

function openReadWrite(file: string, busyTimeoutMs: number): Database.Database {
  try {
    return new Database(file, { timeout: busyTimeoutMs });
  } catch (error) {
    throw asCorruptIfDamaged(file, error);
  }
}

function configure(db: Database.Database): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal')
    throw new EventStoreUnavailableError(`${db.name}: cannot switch to WAL mode (got ${String(mode)})`);
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -32768');
  db.pragma('temp_store = MEMORY');
}

function isCurrent(db: Database.Database): boolean {
  const header = readFileHeader(db);
  return (
    header.applicationId === KAM_APPLICATION_ID &&
    header.userVersion === KAM_SCHEMA_VERSION &&
    header.objects?.includes('events') === true
  );
}
