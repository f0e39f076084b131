import type pg from 'pg';
import type {
  EventFilter,
  EventMetadata,
  ReadAllOptions,
  ReadAllPagesOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamRead,
} from '../event-store.port.js';
import { DEFAULT_READ_PAGE_SIZE, pageSizeOf } from '../read-all-pages.js';

/** Rows fetched per query: reads go in pages, so a million-event log never sits in memory. */
export const READ_PAGE_SIZE = DEFAULT_READ_PAGE_SIZE;

const LAST_REVISION = 9_223_372_036_854_775_807n;
const STREAMS_PER_QUERY = 256;
const COLUMNS = 'position, id, stream_id, revision, type, data, metadata, recorded_at';

/** A row in COLUMNS order (`rowMode: 'array'`): pg builds no keyed object per row. */
type EventRow = [
  position: string,
  id: string,
  streamId: string,
  revision: string,
  type: string,
  data: Record<string, unknown>,
  metadata: EventMetadata,
  recordedAt: Date,
];

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row[1],
    streamId: row[2],
    type: row[4],
    revision: BigInt(row[3]),
    position: BigInt(row[0]),
    recordedAt: row[7].toISOString(),
    data: row[5],
    metadata: row[6],
  };
}

/** Types AND prefixes; within each list OR; `starts_with` is "begins with" without LIKE's wildcards. */
function filterOf(filter: EventFilter | undefined): Readonly<{ sql: string; params: unknown[] }> {
  const types = filter?.eventTypes ?? [];
  const prefixes = filter?.streamPrefixes ?? [];
  let sql = '';
  const params: unknown[] = [];
  if (types.length > 0) {
    params.push([...types]);
    sql += ` AND type = ANY($${params.length + 1}::text[])`;
  }
  if (prefixes.length > 0) {
    params.push([...prefixes]);
    sql += ` AND EXISTS (SELECT 1 FROM unnest($${params.length + 1}::text[]) p WHERE starts_with(stream_id, p))`;
  }
  return { sql, params };
}

export class PostgresEventReader {
  readonly #pool: pg.Pool;
  readonly #table: string;
  readonly #translate: (error: unknown) => unknown;

  constructor(pool: pg.Pool, schema: string, translate: (error: unknown) => unknown) {
    this.#pool = pool;
    this.#table = `"${schema}".events`;
    this.#translate = translate;
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const sql = backwards
      ? `SELECT ${COLUMNS} FROM ${this.#table} WHERE stream_id = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`
      : `SELECT ${COLUMNS} FROM ${this.#table} WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`;
    let from = options.fromRevision ?? (backwards ? LAST_REVISION : 0n);
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0 && from >= 0n) {
      const limit = Math.min(READ_PAGE_SIZE, remaining);
      const rows = await this.#rows(sql, [streamId, from.toString(), limit]);
      for (const row of rows) yield toRecordedEvent(row);
      const last = rows.at(-1);
      if (rows.length < limit || last === undefined) return;
      remaining -= rows.length;
      from = backwards ? BigInt(last[3]) - 1n : BigInt(last[3]) + 1n;
    }
  }

  /** The (stream, from) list drives a lateral index search per stream: one query for many streams. */
  async *readStreams(reads: readonly StreamRead[]): AsyncGenerator<RecordedEvent> {
    const sql = `SELECT ${COLUMNS.split(', ')
      .map((column) => `e.${column}`)
      .join(', ')}, w.ord
      FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS w(stream_id, from_revision, ord)
      CROSS JOIN LATERAL (SELECT * FROM ${this.#table} x
        WHERE x.stream_id = w.stream_id AND x.revision >= w.from_revision ORDER BY x.revision) e
      ORDER BY w.ord, e.revision LIMIT $3`;
    for (let start = 0; start < reads.length; start += STREAMS_PER_QUERY) {
      let pending = reads.slice(start, start + STREAMS_PER_QUERY);
      while (pending.length > 0) {
        const rows = (await this.#rows(sql, [
          pending.map((read) => read.streamId),
          pending.map((read) => read.fromRevision.toString()),
          READ_PAGE_SIZE,
        ])) as (EventRow & [...EventRow, string])[];
        for (const row of rows) yield toRecordedEvent(row);
        const last = rows.at(-1);
        if (rows.length < READ_PAGE_SIZE || last === undefined) break;
        // A full page: go on after the last event read, in the stream it was in (ord is 1-based).
        const rest = pending.slice(Number(last[8]) - 1);
        const current = rest[0];
        if (current === undefined) break;
        pending = [{ streamId: current.streamId, fromRevision: BigInt(last[3]) + 1n }, ...rest.slice(1)];
      }
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    for await (const page of this.readAllPages(options)) yield* page;
  }

  /** One query per page: no transaction stays open between pages, and appends made meanwhile are seen. */
  async *readAllPages(options: ReadAllPagesOptions = {}): AsyncGenerator<RecordedEvent[]> {
    const size = pageSizeOf(options);
    let after = options.after ?? -1n;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const limit = Math.min(size, remaining);
      const page = await this.pageAfter(after, options.filter, limit);
      const last = page.at(-1);
      if (last === undefined) return;
      yield page;
      if (page.length < limit) return;
      remaining -= page.length;
      after = last.position;
    }
  }

  /** One page of the global log strictly after `after`, in position order. */
  async pageAfter(after: bigint, filter: EventFilter | undefined, limit: number): Promise<RecordedEvent[]> {
    const where = filterOf(filter);
    const sql = `SELECT ${COLUMNS} FROM ${this.#table} WHERE position > $1${where.sql} ORDER BY position LIMIT $${where.params.length + 2}`;
    const rows = await this.#rows(sql, [after.toString(), ...where.params, limit]);
    return rows.map(toRecordedEvent);
  }

  async head(): Promise<bigint> {
    try {
      const { rows } = await this.#pool.query<{ head: string | null }>(
        `SELECT max(position) AS head FROM ${this.#table}`,
      );
      const head = rows[0]?.head;
      return head === null || head === undefined ? -1n : BigInt(head);
    } catch (error) {
      throw this.#translate(error);
    }
  }

  async #rows(text: string, values: unknown[]): Promise<EventRow[]> {
    try {
      const result = await this.#pool.query<EventRow>({ text, values, rowMode: 'array' });
      return result.rows;
    } catch (error) {
      throw this.#translate(error);
    }
  }
}
