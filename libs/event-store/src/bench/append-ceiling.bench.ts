import Database from 'better-sqlite3';
import { EVENTS_TABLE_DDL } from '../sqlite/sqlite.schema.js';

export type CeilingRow = readonly [
  id: string,
  streamId: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
];

/**
 * The raw driver doing the same writes as the store, with nothing of the store around it: the same
 * table and indexes, the same durability (WAL, synchronous=FULL), rows already encoded, a fixed number
 * of rows per transaction. It is the most the store could reach on this machine, at this moment.
 */
export class RawCeilingWriter {
  readonly #db: Database.Database;
  readonly #begin: Database.Statement;
  readonly #commit: Database.Statement;
  readonly #insert: Database.Statement<[string, string, number, string, string, string, string]>;

  constructor(file: string) {
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.exec(EVENTS_TABLE_DDL);
    this.#begin = this.#db.prepare('BEGIN IMMEDIATE');
    this.#commit = this.#db.prepare('COMMIT');
    this.#insert = this.#db.prepare(
      'INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** Writes the rows, `rowsPerCommit` per transaction; returns the seconds it took. */
  write(rows: readonly CeilingRow[], rowsPerCommit: number, onCommit: (rowsWritten: number) => void): number {
    const started = performance.now();
    for (let start = 0; start < rows.length; start += rowsPerCommit) {
      this.#begin.run();
      const recordedAt = new Date().toISOString();
      for (const [id, streamId, revision, type, data, metadata] of rows.slice(start, start + rowsPerCommit)) {
        this.#insert.run(id, streamId, revision, type, data, metadata, recordedAt);
      }
      this.#commit.run();
      onCommit(Math.min(rowsPerCommit, rows.length - start));
    }
    return (performance.now() - started) / 1000;
  }

  close(): void {
    this.#db.close();
  }
}
