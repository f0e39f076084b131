import type Database from 'better-sqlite3';
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../event-store.port.js';
import {
  EVENT_COLUMNS,
  type EventRow,
  filterClause,
  type FilterClause,
  toRecordedEvent,
} from './sqlite.event-row.js';

/** Rows fetched per query: reads stream in pages, so a million-event log never sits in memory. */
export const READ_PAGE_SIZE = 512;

const LAST_REVISION = 9_223_372_036_854_775_807n;

type Statement = Database.Statement<unknown[], EventRow>;

export class SqliteEventReader {
  readonly #db: Database.Database;
  readonly #forwards: Statement;
  readonly #backwards: Statement;
  readonly #head: Database.Statement<[], number | null>;
  readonly #allAfter = new Map<string, Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
    this.#forwards = db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    );
    this.#backwards = db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    );
    this.#head = db.prepare<[], number | null>('SELECT max(position) FROM events').pluck();
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const statement = backwards ? this.#backwards : this.#forwards;
    let from = options.fromRevision ?? (backwards ? LAST_REVISION : 0n);
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0 && from >= 0n) {
      const limit = Math.min(READ_PAGE_SIZE, remaining);
      const rows = statement.all(streamId, from, limit);
      for (const row of rows) yield toRecordedEvent(row);
      const last = rows.at(-1);
      if (rows.length < limit || last === undefined) return;
      remaining -= rows.length;
      from = backwards ? BigInt(last.revision) - 1n : BigInt(last.revision) + 1n;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const filter = filterClause(options.filter);
    let after = options.after ?? -1n;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const limit = Math.min(READ_PAGE_SIZE, remaining);
      const page = this.pageAfter(after, filter, limit);
      for (const event of page) yield event;
      const last = page.at(-1);
      if (page.length < limit || last === undefined) return;
      remaining -= page.length;
      after = last.position;
    }
  }

  /** One page of the global log strictly after `after`, in position order. */
  pageAfter(after: bigint, filter: FilterClause, limit: number): RecordedEvent[] {
    return this.#allAfterStatement(filter)
      .all(after, ...filter.params, limit)
      .map(toRecordedEvent);
  }

  head(): bigint {
    const head = this.#head.get();
    return head === null || head === undefined ? -1n : BigInt(head);
  }

  #allAfterStatement(filter: FilterClause): Statement {
    let statement = this.#allAfter.get(filter.key);
    if (statement === undefined) {
      statement = this.#db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ?${filter.sql} ORDER BY position LIMIT ?`,
      );
      this.#allAfter.set(filter.key, statement);
    }
    return statement;
  }
}
