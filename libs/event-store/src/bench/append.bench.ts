import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore, EventToAppend, ExpectedRevision } from '../event-store.port.js';
import { openSqliteEventStore } from '../sqlite/sqlite.event-store.js';
import { type CeilingRow, RawCeilingWriter } from './append-ceiling.bench.js';
import { type BenchPayload, benchPayloads } from './bench-payload.js';

export type AppendWorkload = 'sequential' | 'concurrent' | 'batched';

export type AppendFigure = Readonly<{
  eventsPerSecond: number;
  /** Raw better-sqlite3 doing the same writes at the same durability, measured in the same run. */
  ceiling: number;
  /** eventsPerSecond / ceiling. */
  ratio: number;
  events: number;
  seconds: number;
  /** Appends that threw; the workloads use exact expected revisions, so any failure is a bug. */
  failedAppends: number;
}>;

export type AppendBenchmarkResult = Readonly<Record<AppendWorkload, AppendFigure>>;

export type AppendBenchmarkProgress = Readonly<{
  workload: AppendWorkload;
  /** `store`: through the EventStore port; `ceiling`: the raw driver. */
  phase: 'store' | 'ceiling';
  done: number;
  total: number;
}>;

export type AppendBenchmarkOptions = Readonly<{
  /** Scratch directory for the fresh database files; they are removed afterwards. */
  dir: string;
  onProgress?: (progress: AppendBenchmarkProgress) => void;
  /** Shrinks every workload (1 = the published sizes); for smoke tests only. */
  scale?: number;
}>;

type Shape = Readonly<{ appends: number; eventsPerAppend: number; streams: number; appenders: number }>;

const PAYLOAD_POOL = 1_000;

const SHAPES: Readonly<Record<AppendWorkload, Shape>> = {
  sequential: { appends: 20_000, eventsPerAppend: 1, streams: 2_000, appenders: 1 },
  concurrent: { appends: 20_000, eventsPerAppend: 1, streams: 2_000, appenders: 32 },
  batched: { appends: 2_000, eventsPerAppend: 100, streams: 2_000, appenders: 1 },
};

/** Each workload alternates slices of store and ceiling writes, so a noisy neighbour hits both alike. */
const SLICES = 5;

/**
 * `kam bench append`: each workload through the port on a fresh SQLite file, with its ceiling (the
 * raw driver doing the same writes) measured on another fresh file in the same run.
 */
export async function runAppendBenchmark(options: AppendBenchmarkOptions): Promise<AppendBenchmarkResult> {
  mkdirSync(options.dir, { recursive: true });
  const run = randomBytes(4).toString('hex');
  const payloads = benchPayloads(PAYLOAD_POOL);
  const report = options.onProgress ?? (() => undefined);
  const result: Partial<Record<AppendWorkload, AppendFigure>> = {};
  for (const workload of ['sequential', 'concurrent', 'batched'] as const) {
    const shape = scaled(SHAPES[workload], options.scale ?? 1);
    const progress = throttled(workload, shape.appends * shape.eventsPerAppend, report);
    const file = join(options.dir, `bench-${run}-${workload}.db`);
    const jobs = appendPlan(shape, payloads);
    result[workload] = await measureWorkload(file, jobs, ceilingRows(jobs, payloads), shape, progress);
  }
  return result as AppendBenchmarkResult;
}

type Progress = (phase: 'store' | 'ceiling', done: number) => void;

async function measureWorkload(
  file: string,
  jobs: readonly AppendJob[],
  rows: readonly CeilingRow[],
  shape: Shape,
  progress: Progress,
): Promise<AppendFigure> {
  const perAppend = shape.eventsPerAppend;
  const store = await openSqliteEventStore({ file });
  const ceiling = new RawCeilingWriter(`${file}.ceiling`);
  const tally = { storeSeconds: 0, ceilingSeconds: 0, failedAppends: 0, stored: 0, written: 0 };
  try {
    for (const [from, to] of slices(jobs.length, SLICES)) {
      const slice = await appendConcurrently(store, jobs.slice(from, to), shape.appenders, () =>
        progress('store', (tally.stored += perAppend)),
      );
      tally.storeSeconds += slice.seconds;
      tally.failedAppends += slice.failed;
      tally.ceilingSeconds += ceiling.write(
        rows.slice(from * perAppend, to * perAppend),
        shape.appenders * perAppend,
        (n) => progress('ceiling', (tally.written += n)),
      );
    }
  } finally {
    await store.close();
    ceiling.close();
    removeDatabase(file);
    removeDatabase(`${file}.ceiling`);
  }
  const events = jobs.length * perAppend;
  const eventsPerSecond = events / tally.storeSeconds;
  const ceilingRate = events / tally.ceilingSeconds;
  return {
    eventsPerSecond: round(eventsPerSecond),
    ceiling: round(ceilingRate),
    ratio: round(eventsPerSecond / ceilingRate, 3),
    events,
    seconds: round(tally.storeSeconds, 4),
    failedAppends: tally.failedAppends,
  };
}

/** `appenders` loops, each awaiting its own appends, taking jobs in order from one queue. */
async function appendConcurrently(
  store: EventStore,
  jobs: readonly AppendJob[],
  appenders: number,
  onAppended: () => void,
): Promise<{ seconds: number; failed: number }> {
  let next = 0;
  let failed = 0;
  const appender = async (): Promise<void> => {
    for (let job = jobs[next++]; job !== undefined; job = jobs[next++]) {
      await store
        .appendToStream(job.streamId, job.events, { expectedRevision: job.expectedRevision })
        .catch(() => (failed += 1));
      onAppended();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: appenders }, appender));
  return { seconds: (performance.now() - started) / 1000, failed };
}

function slices(length: number, count: number): [number, number][] {
  const size = Math.ceil(length / count);
  return Array.from({ length: Math.ceil(length / size) }, (_, i) => [
    i * size,
    Math.min(length, (i + 1) * size),
  ]);
}

type AppendJob = Readonly<{ streamId: string; events: EventToAppend[]; expectedRevision: ExpectedRevision }>;

/**
 * Append i goes to stream i mod streams with the exact revision a command handler would pass. Jobs are
 * taken in order from one queue, and the store writes appends in arrival order, so the k-th append to
 * a stream always finds it at revision k * eventsPerAppend - 1. Stream and event ids are random UUIDs,
 * as the engine's are: they land all over the indexes, which costs more than ordered ids would.
 */
function appendPlan(shape: Shape, payloads: readonly BenchPayload[]): AppendJob[] {
  const streams = Array.from({ length: shape.streams }, () => `account-${randomUUID()}`);
  return Array.from({ length: shape.appends }, (_, i) => {
    const lap = Math.floor(i / shape.streams);
    const events = Array.from({ length: shape.eventsPerAppend }, (_, e): EventToAppend => {
      const { data, metadata } = payloadAt(payloads, i * shape.eventsPerAppend + e);
      return { id: randomUUID(), type: 'OrderRecorded', data, metadata };
    });
    const expectedRevision: ExpectedRevision =
      lap === 0 ? 'no_stream' : BigInt(lap * shape.eventsPerAppend - 1);
    return { streamId: streams[i % shape.streams] ?? 'account-0', events, expectedRevision };
  });
}

/** The same rows the store will write, in the same order, already encoded. */
function ceilingRows(jobs: readonly AppendJob[], payloads: readonly BenchPayload[]): CeilingRow[] {
  const perStream = new Map<string, number>();
  return jobs.flatMap((job, i) =>
    job.events.map((event, e): CeilingRow => {
      const revision = perStream.get(job.streamId) ?? 0;
      perStream.set(job.streamId, revision + 1);
      const { dataJson, metadataJson } = payloadAt(payloads, i * job.events.length + e);
      return [event.id, job.streamId, revision, event.type, dataJson, metadataJson];
    }),
  );
}

function payloadAt(payloads: readonly BenchPayload[], index: number): BenchPayload {
  const payload = payloads[index % payloads.length];
  if (payload === undefined) throw new Error('the benchmark needs at least one payload');
  return payload;
}

function scaled(shape: Shape, scale: number): Shape {
  const appends = Math.max(shape.appenders, Math.round(shape.appends * scale));
  return { ...shape, appends, streams: Math.max(1, Math.min(shape.streams, appends)) };
}

/** At most about a hundred progress reports per phase, so a progress bar costs nothing measurable. */
function throttled(
  workload: AppendWorkload,
  total: number,
  report: (progress: AppendBenchmarkProgress) => void,
): (phase: 'store' | 'ceiling', done: number) => void {
  const step = Math.max(1, Math.floor(total / 100));
  const last = { store: -step, ceiling: -step };
  return (phase, done) => {
    const clamped = Math.min(done, total);
    if (clamped <= last[phase] || (clamped - last[phase] < step && clamped !== total)) return;
    last[phase] = clamped;
    report({ workload, phase, done: clamped, total });
  };
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
