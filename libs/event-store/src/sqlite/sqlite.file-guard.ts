import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { EventStoreCorruptError, EventStoreUnavailableError } from '../event-store.errors.js';
import { assertOwnFile, type FileHeader, readFileHeader } from './sqlite.schema.js';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** The 100-byte file header plus the b-tree header of page 1, which holds the schema table. */
const RAW_HEADER_BYTES = 108;
const LEAF_TABLE_PAGE = 0x0d;

export function ensureWritableDirectory(dir: string): void {
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

export function hasContent(file: string): boolean {
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

/** Throws unless the file is an empty database or ours; writes nothing, not even beside the file. */
export function inspectExistingFile(file: string): void {
  const raw = readRawHeader(file);
  if (raw === null) {
    throw new EventStoreCorruptError(
      `${file} is not a SQLite database (or its header is damaged); it was left untouched. ` +
        'Move it away or point KAM_DATA_DIR at another directory.',
    );
  }
  // A WAL-mode file without a WAL has a complete header, and a read-only connection would leave
  // empty -wal and -shm files beside what may be somebody else's database. With a WAL, the header
  // may be stale, so ask SQLite, which then creates nothing new.
  if (isWalMode(raw) && !hasWalContent(file)) assertOwnFile(file, fromRawHeader(raw));
  else inspectWithReadOnlyConnection(file);
}

function inspectWithReadOnlyConnection(file: string): void {
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

function readRawHeader(file: string): Buffer | null {
  const header = Buffer.alloc(RAW_HEADER_BYTES);
  const fd = openSync(file, 'r');
  try {
    const read = readSync(fd, header, 0, RAW_HEADER_BYTES, 0);
    const isSqlite =
      read === RAW_HEADER_BYTES && header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC);
    return isSqlite ? header : null;
  } finally {
    closeSync(fd);
  }
}

function fromRawHeader(raw: Buffer): FileHeader {
  const emptySchema = raw[100] === LEAF_TABLE_PAGE && raw.readUInt16BE(103) === 0;
  return {
    applicationId: raw.readInt32BE(68),
    userVersion: raw.readInt32BE(60),
    objects: emptySchema ? [] : null,
  };
}

function isWalMode(raw: Buffer): boolean {
  return raw[18] === 2 && raw[19] === 2;
}

function hasWalContent(file: string): boolean {
  try {
    return statSync(`${file}-wal`).size > 0;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

const DAMAGE_CODES = new Set([
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
  'SQLITE_CORRUPT_INDEX',
  'SQLITE_CORRUPT_SEQUENCE',
]);

export function asCorruptIfDamaged(file: string, error: unknown): unknown {
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
