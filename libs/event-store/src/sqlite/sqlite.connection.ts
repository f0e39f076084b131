import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EventStoreCorruptError, EventStoreUnavailableError } from '../event-store.errors.js';
import {
  assertOwnFile,
  KAM_APPLICATION_ID,
  KAM_SCHEMA_VERSION,
  migrate,
  readFileHeader,
} from './sqlite.schema.js';

export type KamSqliteDatabaseOptions = Readonly<{
  file: string;
  /** How long a writer waits for another process's write transaction before failing. */
  busyTimeoutMs?: number;
}>;

const DEFAULT_BUSY_TIMEOUT_MS = 15_000;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const SQLITE_HEADER_BYTES = 100;

/**
 * Opens (creating if missing) the kam-ledger SQLite file: WAL with synchronous=FULL, so a commit that
 * returned survives a power loss. Read models may open the same file through this function, so that
 * whoever comes first marks it as ours. A foreign or damaged file is refused before anything writes
 * to it: the checks run on a read-only connection.
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

function ensureWritableDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    // access(W_OK) says yes to root on a read-only mount; only a real write tells the truth.
    const probe = join(dir, `.kam-write-probe-${process.pid}-${randomUUID()}`);
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (error) {
    throw new EventStoreUnavailableError(
      `The data directory ${dir} cannot be written (${errorCode(error)}). Make it a directory this user ` +
        'can write to, or set KAM_DATA_DIR (--data-dir) to one.',
      error,
    );
  }
}

function hasContent(file: string): boolean {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) {
      throw new EventStoreCorruptError(`${file} is a directory, not a kam-ledger event store.`);
    }
    return stat.size > 0;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

function inspectExistingFile(file: string): void {
  if (!startsWithSqliteMagic(file)) {
    throw new EventStoreCorruptError(
      `${file} is not a SQLite database (or its header is damaged); it was left untouched. ` +
        'Move it away or point KAM_DATA_DIR at another directory.',
    );
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    assertOwnFile(file, readFileHeader(db));
  } catch (error) {
    throw asCorruptIfDamaged(file, error);
  } finally {
    db?.close();
  }
}

function startsWithSqliteMagic(file: string): boolean {
  const header = Buffer.alloc(SQLITE_HEADER_BYTES);
  const fd = openSync(file, 'r');
  try {
    const read = readSync(fd, header, 0, SQLITE_HEADER_BYTES, 0);
    return read === SQLITE_HEADER_BYTES && header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC);
  } finally {
    closeSync(fd);
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
    header.objects.includes('events')
  );
}

const DAMAGE_CODES = new Set([
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
  'SQLITE_CORRUPT_INDEX',
  'SQLITE_CORRUPT_SEQUENCE',
]);

function asCorruptIfDamaged(file: string, error: unknown): unknown {
  if (error instanceof EventStoreCorruptError || !DAMAGE_CODES.has(errorCode(error))) return error;
  return new EventStoreCorruptError(
    `${file} is damaged or not a SQLite database (${errorCode(error)}: ${(error as Error).message}); ` +
      'it was left untouched. Restore it from a backup or move it away.',
    { cause: error },
  );
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown error';
}
