import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  appendPlan,
  figureOf,
  inTurns,
  scaledShape,
  slices,
  throttle,
  totalEvents,
  type AppendFigure,
  type AppendJob,
  type AppendShape,
} from '../bench/append-workload.js';
import { benchPayloads } from '../bench/bench-payload.js';
import type { EventStore } from '../event-store.port.js';
import { readAllPages } from '../read-all-pages.js';
import { openPostgresEventStore } from './postgres.event-store.js';

export type PostgresWorkload = 'sequential' | 'concurrent' | 'batched' | 'read';

export type PostgresBenchmarkResult = Readonly<{ label: string } & Record<PostgresWorkload, AppendFigure>>;

export type PostgresBenchmarkProgress = Readonly<{
  workload: PostgresWorkload;
  phase: 'store' | 'ceiling';
  done: number;
  total: number;
}>;

export type PostgresBenchmarkOptions = Readonly<{
  databaseUrl: string;
  onProgress?: (progress: PostgresBenchmarkProgress) => void;
  /** Shrinks every workload (1 = the published sizes); for smoke tests only. */
  scale?: number;
}>;

export const POSTGRES_BENCHMARK_LABEL =
  'PostgreSQL event store vs raw pg doing the same inserts (same table and indexes, no checks, no lock), ' +
  'in scratch schemas dropped afterwards';

const SHAPES: Readonly<Record<Exclude<PostgresWorkload, 'read'>, AppendShape>> = {
  sequential: { appends: 5_000, eventsPerAppend: 1, streams: 500, appenders: 1 },
  concurrent: { appends: 10_000, eventsPerAppend: 1, streams: 1_000, appenders: 32 },
  batched: { appends: 500, eventsPerAppend: 100, streams: 500, appenders: 1 },
};

/** Store and ceiling alternate in slices, so a noisy neighbour hits both alike. */
const SLICES = 5;
/** The store's own pool size: the ceiling gets as many connections. */
const CONNECTIONS = 8;
const READ_PAGE = 512;

type Progress = Readonly<Record<'store' | 'ceiling', (done: number) => void>>;

/**
 * `kam bench postgres`: each append workload through the port into one scratch schema, and the raw
 * driver inserting the same rows into an identical table in another, then a read of the whole log
 * both ways. The ceiling is what an application doing plain INSERTs would get: concurrent statements
 * on CONNECTIONS connections, PostgreSQL's own group commit, and none of the store's checks.
 */
export async function runPostgresBenchmark(
  options: PostgresBenchmarkOptions,
): Promise<PostgresBenchmarkResult> {
  const run = randomBytes(4).toString('hex');
  const storeSchema = `kam_bench_${run}`;
  const rawSchema = `kam_bench_${run}_raw`;
  const report = options.onProgress ?? (() => undefined);
  const store = await openPostgresEventStore({ databaseUrl: options.databaseUrl, schema: storeSchema });
  const raw = new pg.Pool({ connectionString: options.databaseUrl, max: CONNECTIONS });
  try {
    await raw.query(
      `CREATE SCHEMA "${rawSchema}"; CREATE TABLE "${rawSchema}".events (LIKE "${storeSchema}".events INCLUDING ALL)`,
    );
    const payloads = benchPayloads(1_000);
    const figures: Partial<Record<PostgresWorkload, AppendFigure>> = {};
    for (const workload of ['sequential', 'concurrent', 'batched'] as const) {
      const shape = scaledShape(SHAPES[workload], options.scale ?? 1);
      const jobs = appendPlan(shape, payloads);
      const total = totalEvents(shape);
      const progress: Progress = {
        store: throttle(total, (done) => report({ workload, phase: 'store', done, total })),
        ceiling: throttle(total, (done) => report({ workload, phase: 'ceiling', done, total })),
      };
      figures[workload] = await measureAppends(store, raw, rawSchema, jobs, shape, progress);
    }
    figures.read = await measureRead(store, raw, rawSchema, report);
    return { label: POSTGRES_BENCHMARK_LABEL, ...(figures as Record<PostgresWorkload, AppendFigure>) };
  } finally {
    await store.close();
    await raw.query(
      `DROP SCHEMA IF EXISTS "${rawSchema}" CASCADE; DROP SCHEMA IF EXISTS "${storeSchema}" CASCADE`,
    );
    await raw.end();
  }
}

async function measureAppends(
  store: EventStore,
  raw: pg.Pool,
  rawSchema: string,
  jobs: readonly AppendJob[],
  shape: AppendShape,
  progress: Progress,
): Promise<AppendFigure> {
  const insert = rawInsert(rawSchema);
  const tally = { store: 0, ceiling: 0, failed: 0, stored: 0, written: 0 };
  const revisions = new Map<string, number>();
  for (const [from, to] of slices(jobs.length, SLICES)) {
    const slice = jobs.slice(from, to);
    const stored = await inTurns(slice, shape.appenders, async (job) => {
      await store
        .appendToStream(job.streamId, job.events, { expectedRevision: job.expectedRevision })
        .catch(() => (tally.failed += 1));
      progress.store((tally.stored += shape.eventsPerAppend));
    });
    tally.store += stored;
    // The rows the store wrote, already encoded, as the raw caller would have them.
    const rows = slice.map((job) => {
      const first = revisions.get(job.streamId) ?? 0;
      revisions.set(job.streamId, first + job.events.length);
      return { job, first };
    });
    tally.ceiling += await inTurns(rows, shape.appenders, async ({ job, first }) => {
      await raw.query(insert, [
        job.streamId,
        first,
        job.events.map((event) => event.id),
        job.events.map((event) => event.type),
        job.events.map((event) => JSON.stringify(event.data)),
        job.events.map((event) => JSON.stringify(event.metadata)),
        new Date().toISOString(),
      ]);
      progress.ceiling((tally.written += shape.eventsPerAppend));
    });
  }
  return figureOf(jobs.length * shape.eventsPerAppend, tally.store, tally.ceiling, tally.failed);
}

/** One statement per append, as a plain application would write it: all rows of it at once. */
function rawInsert(schema: string): string {
  return `INSERT INTO "${schema}".events (stream_id, revision, id, type, data, metadata, recorded_at)
    SELECT $1, $2::bigint + r.n - 1, r.id, r.type, r.data::json, r.metadata::json, $7::timestamptz
    FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS r(id, type, data, metadata, n)`;
}

async function measureRead(
  store: EventStore,
  raw: pg.Pool,
  rawSchema: string,
  report: (progress: PostgresBenchmarkProgress) => void,
): Promise<AppendFigure> {
  let started = performance.now();
  let read = 0;
  // The whole-log read (a rebuild's): pages, as the raw side reads them.
  for await (const page of readAllPages(store)) read += page.length;
  const storeSeconds = (performance.now() - started) / 1000;
  report({ workload: 'read', phase: 'store', done: read, total: read });
  started = performance.now();
  let rawRead = 0;
  for (let after = '-1'; ;) {
    const { rows } = await raw.query<{ position: string }>(
      `SELECT position, id, stream_id, revision, type, data, metadata, recorded_at FROM "${rawSchema}".events
       WHERE position > $1 ORDER BY position LIMIT $2`,
      [after, READ_PAGE],
    );
    rawRead += rows.length;
    const last = rows.at(-1);
    if (last === undefined || rows.length < READ_PAGE) break;
    after = last.position;
  }
  const ceilingSeconds = (performance.now() - started) / 1000;
  report({ workload: 'read', phase: 'ceiling', done: rawRead, total: rawRead });
  return figureOf(read, storeSeconds, (ceilingSeconds * read) / Math.max(1, rawRead), 0);
}
