import { randomBytes } from 'node:crypto';

import {
  EventStoreDBClient,
  jsonEvent,
  type AppendExpectedRevision,
  type JSONType,
} from '@eventstore/db-client';

import type { EventStore, EventToAppend, ExpectedRevision } from '../event-store.port.js';
import { benchEventId, benchPayloads, type BenchPayload } from './eventstoredb.bench-payload.js';
import { toEsdbMetadata } from './eventstoredb.mapper.js';
import { openEventStoreDbEventStore } from './eventstoredb.event-store.js';

export const EVENTSTOREDB_BENCHMARK_LABEL =
  'EventStoreDB adapter: @eventstore/db-client plus adapter overhead against the given endpoint ' +
  '(in kam bench, the in-memory gRPC stand-in); this does not measure an EventStoreDB server';

export type EventStoreDbWorkload = 'sequential' | 'concurrent' | 'batched' | 'read';

export type EventStoreDbFigure = Readonly<{
  /** Through the EventStore port. */
  eventsPerSecond: number;
  /** The raw @eventstore/db-client making the same calls, in the same run, against the same endpoint. */
  ceiling: number;
  /** eventsPerSecond / ceiling. */
  ratio: number;
  events: number;
  seconds: number;
  /** Appends that threw; the workloads use exact expected revisions, so any failure is a bug. */
  failedAppends: number;
}>;

export type EventStoreDbBenchmarkResult = Readonly<
  { label: string } & Record<EventStoreDbWorkload, EventStoreDbFigure>
>;

export type EventStoreDbBenchmarkProgress = Readonly<{
  workload: EventStoreDbWorkload;
  phase: 'adapter' | 'ceiling';
  done: number;
  total: number;
}>;

export type EventStoreDbBenchmarkOptions = Readonly<{
  connectionString: string;
  onProgress?: (progress: EventStoreDbBenchmarkProgress) => void;
  /** Shrinks every workload (1 = the published sizes); for smoke tests only. */
  scale?: number;
}>;

type Shape = Readonly<{ appends: number; eventsPerAppend: number; streams: number; appenders: number }>;

const SHAPES: Readonly<Record<Exclude<EventStoreDbWorkload, 'read'>, Shape>> = {
  sequential: { appends: 5_000, eventsPerAppend: 1, streams: 500, appenders: 1 },
  concurrent: { appends: 5_000, eventsPerAppend: 1, streams: 500, appenders: 32 },
  batched: { appends: 50, eventsPerAppend: 100, streams: 50, appenders: 1 },
};

type AppendJob = Readonly<{ streamId: string; events: EventToAppend[]; expectedRevision: ExpectedRevision }>;
type Append = (job: AppendJob) => Promise<unknown>;
type Measured = Readonly<{ events: number; seconds: number; failedAppends: number }>;

/**
 * `kam bench` for the EventStoreDB adapter: each append workload, then a read of `$all`, first through
 * the adapter and then through the raw client on fresh streams, so the ratio shows what the adapter
 * costs on top of the client. Against the stand-in both share the same in-memory server.
 */
export async function runEventStoreDbBenchmark(
  options: EventStoreDbBenchmarkOptions,
): Promise<EventStoreDbBenchmarkResult> {
  const run = randomBytes(4).toString('hex');
  const report = options.onProgress ?? (() => undefined);
  const store = await openEventStoreDbEventStore({ connectionString: options.connectionString });
  const client = EventStoreDBClient.connectionString(options.connectionString);
  try {
    const payloads = benchPayloads(run, 256);
    await warmUp(store, client, payloads, Math.max(10, Math.round(WARM_UP_APPENDS * (options.scale ?? 1))));
    const figures: Partial<Record<EventStoreDbWorkload, EventStoreDbFigure>> = {};
    for (const workload of ['sequential', 'concurrent', 'batched'] as const) {
      const shape = scaled(SHAPES[workload], options.scale ?? 1);
      const progress = (phase: 'adapter' | 'ceiling') => throttled(workload, phase, total(shape), report);
      const adapter = await measureAppends(
        appendPlan(`${run}-${workload}-a`, shape, payloads),
        shape,
        (job) => store.appendToStream(job.streamId, job.events, { expectedRevision: job.expectedRevision }),
        progress('adapter'),
      );
      const ceiling = await measureAppends(
        appendPlan(`${run}-${workload}-c`, shape, payloads),
        shape,
        (job) => rawAppend(client, job),
        progress('ceiling'),
      );
      figures[workload] = figure(adapter, ceiling);
    }
    figures.read = await measureRead(store, client, report);
    return {
      label: EVENTSTOREDB_BENCHMARK_LABEL,
      ...(figures as Record<EventStoreDbWorkload, EventStoreDbFigure>),
    };
  } finally {
    await store.close();
    await client.dispose();
  }
}

// Enough calls for the connection, the server features probe and the JIT to settle before timing.
const WARM_UP_APPENDS = 200;

/** The first calls pay for connecting and compiling; neither side should be charged for it. */
async function warmUp(
  store: EventStore,
  client: EventStoreDBClient,
  payloads: readonly BenchPayload[],
  appends: number,
): Promise<void> {
  const shape: Shape = { appends, eventsPerAppend: 1, streams: 20, appenders: 1 };
  const ignore = (): void => undefined;
  await measureAppends(
    appendPlan(`warm-${randomBytes(4).toString('hex')}-a`, shape, payloads),
    shape,
    (job) => store.appendToStream(job.streamId, job.events, { expectedRevision: job.expectedRevision }),
    ignore,
  );
  await measureAppends(
    appendPlan(`warm-${randomBytes(4).toString('hex')}-c`, shape, payloads),
    shape,
    (job) => rawAppend(client, job),
    ignore,
  );
  for await (const _ of store.readAll({ maxCount: appends })) continue;
  for await (const _ of client.readAll({ maxCount: appends })) continue;
}

/** What a caller of the raw client does for the same append: build the events, send them. */
function rawAppend(client: EventStoreDBClient, job: AppendJob): Promise<unknown> {
  const events = job.events.map((event) =>
    jsonEvent({
      id: event.id,
      type: event.type,
      data: event.data as JSONType,
      metadata: toEsdbMetadata(event.metadata),
    }),
  );
  return client.appendToStream(job.streamId, events, {
    expectedRevision: job.expectedRevision as AppendExpectedRevision,
  });
}

async function measureAppends(
  plan: readonly AppendJob[],
  shape: Shape,
  append: Append,
  progress: (done: number) => void,
): Promise<Measured> {
  let next = 0;
  let completed = 0;
  let failedAppends = 0;
  const appender = async (): Promise<void> => {
    for (let job = plan[next++]; job !== undefined; job = plan[next++]) {
      await append(job).catch(() => (failedAppends += 1));
      completed += 1;
      progress(completed * shape.eventsPerAppend);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: shape.appenders }, appender));
  const seconds = (performance.now() - started) / 1000;
  return { events: total(shape), seconds, failedAppends };
}

async function measureRead(
  store: EventStore,
  client: EventStoreDBClient,
  report: (progress: EventStoreDbBenchmarkProgress) => void,
): Promise<EventStoreDbFigure> {
  const timed = async (phase: 'adapter' | 'ceiling', read: AsyncIterable<unknown>): Promise<Measured> => {
    const started = performance.now();
    let events = 0;
    for await (const _ of read) events += 1;
    report({ workload: 'read', phase, done: events, total: events });
    return { events, seconds: (performance.now() - started) / 1000, failedAppends: 0 };
  };
  const adapter = await timed('adapter', store.readAll());
  const ceiling = await timed('ceiling', client.readAll());
  return figure(adapter, ceiling);
}

function figure(adapter: Measured, ceiling: Measured): EventStoreDbFigure {
  const eventsPerSecond = adapter.events / adapter.seconds;
  const ceilingRate = ceiling.events / ceiling.seconds;
  return {
    eventsPerSecond: round(eventsPerSecond),
    ceiling: round(ceilingRate),
    ratio: round(eventsPerSecond / ceilingRate, 3),
    events: adapter.events,
    seconds: round(adapter.seconds, 3),
    failedAppends: adapter.failedAppends + ceiling.failedAppends,
  };
}

/**
 * Append i goes to stream i mod streams with the exact revision a command handler would pass; jobs
 * leave one queue in order, so the k-th append to a stream finds it at revision k * eventsPerAppend - 1.
 */
function appendPlan(run: string, shape: Shape, payloads: readonly BenchPayload[]): AppendJob[] {
  const prefix = `bench-${run}`;
  const ids = randomBytes(4).toString('hex');
  return Array.from({ length: shape.appends }, (_, i) => {
    const lap = Math.floor(i / shape.streams);
    const events = Array.from({ length: shape.eventsPerAppend }, (_, e): EventToAppend => {
      const index = i * shape.eventsPerAppend + e;
      const payload = payloads[index % payloads.length];
      if (payload === undefined) throw new Error('the benchmark needs at least one payload');
      return {
        id: benchEventId(ids, index),
        type: 'OrderRecorded',
        data: payload.data,
        metadata: payload.metadata,
      };
    });
    const expectedRevision: ExpectedRevision =
      lap === 0 ? 'no_stream' : BigInt(lap * shape.eventsPerAppend - 1);
    return { streamId: `${prefix}-${i % shape.streams}`, events, expectedRevision };
  });
}

const total = (shape: Shape): number => shape.appends * shape.eventsPerAppend;

function scaled(shape: Shape, scale: number): Shape {
  const appends = Math.max(shape.appenders, Math.round(shape.appends * scale));
  return { ...shape, appends, streams: Math.max(1, Math.min(shape.streams, appends)) };
}

/** About a hundred progress reports per phase at most, so reporting costs nothing measurable. */
function throttled(
  workload: EventStoreDbWorkload,
  phase: 'adapter' | 'ceiling',
  all: number,
  report: (progress: EventStoreDbBenchmarkProgress) => void,
): (done: number) => void {
  const step = Math.max(1, Math.floor(all / 100));
  let last = -step;
  return (done) => {
    if (done - last < step && done !== all) return;
    last = done;
    report({ workload, phase, done, total: all });
  };
}

function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
