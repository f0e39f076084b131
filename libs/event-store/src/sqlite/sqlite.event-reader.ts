import type Database from 'better-sqlite3';
import type {
  ReadAllOptions,
  ReadAllPagesOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamRead,
} from '../event-store.port.js';
import { DEFAULT_READ_PAGE_SIZE, pageSizeOf } from '../read-all-pages.js';
import {
  EVENT_COLUMNS,
  type EventRow,
  filterClause,
  type FilterClause,
  rawToRecordedEvent,
  type RawEventRow,
  toRecordedEvent,
} from './sqlite.event-row.js';

/** Rows fetched per query: reads stream in pages, so a million-event log never sits in memory. */
export const READ_PAGE_SIZE = DEFAULT_READ_PAGE_SIZE;

const LAST_REVISION = 9_223_372_036_854_775_807n;

/** Streams per multi-stream query: the list travels as one JSON parameter, so any size binds. */
const STREAMS_PER_QUERY = 256;

type Statement = Database.Statement<unknown[], EventRow>;
type RawStatement = Database.Statement<unknown[], RawEventRow>;
/** A multi-stream row: the event's columns, then its pair's place in the list. */
type ManyRow = readonly [...RawEventRow, key: number];
type ManyStatement = Database.Statement<unknown[], ManyRow>;

/**
 * A query in two forms: `page` with the page size written into its SQL, `any` with the limit bound.
 * SQLite plans with a bound LIMIT's value, so binding it expires the statement and every run
 * prepares it again (about 8 µs, more with cold caches); a literal limit keeps the plan.
 */
type Limited<S> = Readonly<{ page: S; any: S }>;

const limited = <S>(prepare: (sql: string) => S, sql: string): Limited<S> => ({
  page: prepare(`${sql} LIMIT ${READ_PAGE_SIZE}`),
  any: prepare(`${sql} LIMIT ?`),
});

/** Where a multi-stream row carries the event's revision and its pair's place in the list. */
const MANY_REVISION = 3;
const MANY_KEY = 8;

/** Runs a Limited query for `limit` rows: the literal form when the limit is a whole page. */
const allOf = <Row>(
  statement: Limited<Database.Statement<unknown[], Row>>,
  limit: number,
  ...params: unknown[]
): Row[] => (limit === READ_PAGE_SIZE ? statement.page.all(...params) : statement.any.all(...params, limit));

export class SqliteEventReader {
  readonly #db: Database.Database;
  readonly #forwards: Limited<Statement>;
  readonly #backwards: Limited<Statement>;
  readonly #head: Database.Statement<[], number | null>;
  readonly #many: ManyStatement;
  readonly #manySorted: ManyStatement;
  readonly #allAfter = new Map<string, Limited<RawStatement>>();

  constructor(db: Database.Database) {
    this.#db = db;
    const prepare = (sql: string): Statement => db.prepare(sql);
    this.#forwards = limited(
      prepare,
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision`,
    );
    this.#backwards = limited(
      prepare,
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC`,
    );
    this.#head = db.prepare<[], number | null>('SELECT max(position) FROM events').pluck();
    // The list of (stream, from) pairs drives the loop, each pair one search of the
    // (stream_id, revision) index: one statement instead of one per stream. `w.key` is the pair's
    // place in the list, so pages resume where the last one stopped. Raw rows (arrays): no keyed
    // object per row.
    const many = (order: string): ManyStatement =>
      db
        .prepare<unknown[], ManyRow>(
          `SELECT ${EVENT_COLUMNS.split(', ')
            .map((column) => `e.${column}`)
            .join(', ')}, w.key
           FROM json_each(?) AS w CROSS JOIN events AS e
             ON e.stream_id = w.value ->> 0 AND e.revision >= w.value ->> 1
           ${order} LIMIT ${READ_PAGE_SIZE}`,
        )
        .raw();
    // Without ORDER BY the rows come as the loop makes them, already in (key, revision) order: CROSS
    // JOIN keeps the list as the outer loop, json_each walks it in order, and the index search
    // yields a stream's events by revision. With it, SQLite copies every row (data and metadata
    // included) through a temporary B-tree to sort them again: a third of the read. Each page is
    // checked, and should a query planner ever produce another order, the sorting statement answers.
    this.#many = many('');
    this.#manySorted = many('ORDER BY w.key, e.revision');
  }

  async *readStreams(reads: readonly StreamRead[]): AsyncGenerator<RecordedEvent> {
    for (let start = 0; start < reads.length; start += STREAMS_PER_QUERY) {
      let pending = reads.slice(start, start + STREAMS_PER_QUERY);
      while (pending.length > 0) {
        const list = JSON.stringify(pending.map((read) => [read.streamId, Number(read.fromRevision)]));
        let rows = this.#many.all(list);
        if (!inListOrder(rows)) rows = this.#manySorted.all(list);
        for (const row of rows) yield rawToRecordedEvent(row);
        const last = rows.at(-1);
        if (rows.length < READ_PAGE_SIZE || last === undefined) break;
        // A full page: go on from the event after the last one read, in the stream it was in.
        const rest = pending.slice(last[MANY_KEY]);
        const current = rest[0];
        if (current === undefined) break;
        pending = [
          { streamId: current.streamId, fromRevision: BigInt(last[MANY_REVISION]) + 1n },
          ...rest.slice(1),
        ];
      }
    }
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const statement = backwards ? this.#backwards : this.#forwards;
    let from = options.fromRevision ?? (backwards ? LAST_REVISION : 0n);
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0 && from >= 0n) {
      const limit = Math.min(READ_PAGE_SIZE, remaining);
      const rows = allOf(statement, limit, streamId, from);
      for (const row of rows) yield toRecordedEvent(row);
      const last = rows.at(-1);
      if (rows.length < limit || last === undefined) return;
      remaining -= rows.length;
      from = backwards ? BigInt(last.revision) - 1n : BigInt(last.revision) + 1n;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    for await (const page of this.readAllPages(options)) yield* page;
  }

  /** One query per page: the read holds no transaction open between pages, and sees appends made meanwhile. */
  async *readAllPages(options: ReadAllPagesOptions = {}): AsyncGenerator<RecordedEvent[]> {
    const size = pageSizeOf(options);
    const filter = filterClause(options.filter);
    let after = options.after ?? -1n;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const limit = Math.min(size, remaining);
      const page = this.pageAfter(after, filter, limit);
      const last = page.at(-1);
      if (last === undefined) return;
      yield page;
      if (page.length < limit) return;
      remaining -= page.length;
      after = last.position;
    }
  }

  /** One page of the global log strictly after `after`, in position order. */
  pageAfter(after: bigint, filter: FilterClause, limit: number): RecordedEvent[] {
    const rows = allOf(this.#allAfterStatement(filter), limit, after, ...filter.params);
    const page = new Array<RecordedEvent>(rows.length);
    for (let index = 0; index < rows.length; index += 1)
      page[index] = rawToRecordedEvent(rows[index] as RawEventRow);
    return page;
  }

  head(): bigint {
    const head = this.#head.get();
    return head === null || head === undefined ? -1n : BigInt(head);
  }

  #allAfterStatement(filter: FilterClause): Limited<RawStatement> {
    let statement = this.#allAfter.get(filter.key);
    if (statement === undefined) {
      // Raw rows (arrays): better-sqlite3 then builds no keyed object per row, a fifth of a bare read.
      const sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ?${filter.sql} ORDER BY position`;
      statement = limited((limitedSql) => this.#db.prepare<unknown[], RawEventRow>(limitedSql).raw(), sql);
      this.#allAfter.set(filter.key, statement);
    }
    return statement;
  }
}

/** Whether rows come by their pair's place in the list, then by revision. */
function inListOrder(rows: readonly ManyRow[]): boolean {
  for (let index = 1; index < rows.length; index += 1) {
    const before = rows[index - 1] as ManyRow;
    const row = rows[index] as ManyRow;
    const [key, earlierKey] = [row[MANY_KEY], before[MANY_KEY]];
    if (key < earlierKey || (key === earlierKey && row[MANY_REVISION] <= before[MANY_REVISION])) return false;
  }
  return true;
}
