import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteEventStore } from '../sqlite/sqlite.event-store.js';
import { type CeilingRow, RawCeilingWriter } from './append-ceiling.bench.js';
import {
  appendPlan,
  figureOf,
  inTurns,
  payloadAt,
  scaledShape,
  slices,
  throttle,
  totalEvents,
  type AppendFigure,
  type AppendJob,
  type AppendShape,
} from './append-workload.js';
import { type BenchPayload, benchPayloads } from './bench-payload.js';

export type { AppendFigure } from './append-workload.js';

export type AppendWorkload = 'sequential' | 'concurrent' | 'batched';

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

const PAYLOAD_POOL = 1_000;

const SHAPES: Readonly<Record<AppendWorkload, AppendShape>> = {
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
    const shape = scaledShape(SHAPES[workload], options.scale ?? 1);
    const total = totalEvents(shape);
    const progress: Progress = {
      store: throttle(total, (done) => report({ workload, phase: 'store', done, total })),
      ceiling: throttle(total, (done) => report({ workload, phase: 'ceiling', done, total })),
    };
    const file = join(options.dir, `bench-${run}-${workload}.db`);
    const jobs = appendPlan(shape, payloads);
    result[workload] = await measureWorkload(file, jobs, ceilingRows(jobs, payloads), shape, progress);
  }
  return result as AppendBenchmarkResult;
}

type Progress = Readonly<Record<'store' | 'ceiling', (done: number) => void>>;

async function measureWorkload(
  file: string,
  jobs: readonly AppendJob[],
  rows: readonly CeilingRow[],
  shape: AppendShape,
  progress: Progress,
): Promise<AppendFigure> {
  const perAppend = shape.eventsPerAppend;
  const store = await openSqliteEventStore({ file });
  const ceiling = new RawCeilingWriter(`${file}.ceiling`);
  const tally = { storeSeconds: 0, ceilingSeconds: 0, failedAppends: 0, stored: 0, written: 0 };
  try {
    for (const [from, to] of slices(jobs.length, SLICES)) {
      tally.storeSeconds += await inTurns(jobs.slice(from, to), shape.appenders, async (job) => {
        await store
          .appendToStream(job.streamId, job.events, { expectedRevision: job.expectedRevision })
          .catch(() => (tally.failedAppends += 1));
        progress.store((tally.stored += perAppend));
      });
      tally.ceilingSeconds += ceiling.write(
        rows.slice(from * perAppend, to * perAppend),
        shape.appenders * perAppend,
        (n) => progress.ceiling((tally.written += n)),
      );
    }
  } finally {
    await store.close();
    ceiling.close();
    removeDatabase(file);
    removeDatabase(`${file}.ceiling`);
  }
  return figureOf(jobs.length * perAppend, tally.storeSeconds, tally.ceilingSeconds, tally.failedAppends);
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

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
