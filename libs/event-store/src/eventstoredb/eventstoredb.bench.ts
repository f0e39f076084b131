import { randomBytes } from 'node:crypto';

import {
  EventStoreDBClient,
  jsonEvent,
  type AppendExpectedRevision,
  type JSONType,
} from '@eventstore/db-client';

import {
  appendPlan,
  figureOf,
  inTurns,
  scaledShape,
  throttle,
  totalEvents,
  type AppendFigure,
  type AppendJob,
  type AppendShape,
} from '../bench/append-workload.js';
import type { EventStore } from '../event-store.port.js';
import { benchEventId, benchPayloads, type BenchPayload } from './eventstoredb.bench-payload.js';
import { toEsdbMetadata } from './eventstoredb.mapper.js';
import { openEventStoreDbEventStore } from './eventstoredb.event-store.js';

export const EVENTSTOREDB_BENCHMARK_LABEL =
  'EventStoreDB adapter: @eventstore/db-client plus adapter overhead against the given endpoint ' +
  '(in kam bench, the in-memory gRPC stand-in); this does not measure an EventStoreDB server';

export type EventStoreDbWorkload = 'sequential' | 'concurrent' | 'batched' | 'read';

export type EventStoreDbBenchmarkResult = Readonly<
  { label: string } & Record<EventStoreDbWorkload, AppendFigure>
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

const SHAPES: Readonly<Record<Exclude<EventStoreDbWorkload, 'read'>, AppendShape>> = {
  sequential: { appends: 5_000, eventsPerAppend: 1, streams: 500, appenders: 1 },
  concurrent: { appends: 5_000, eventsPerAppend: 1, streams: 500, appenders: 32 },
  batched: { appends: 50, eventsPerAppend: 100, streams: 50, appenders: 1 },
};

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
    const figures: Partial<Record<EventStoreDbWorkload, AppendFigure>> = {};
    for (const workload of ['sequential', 'concurrent', 'batched'] as const) {
      const shape = scaledShape(SHAPES[workload], options.scale ?? 1);
      const total = totalEvents(shape);
      const progress = (phase: 'adapter' | 'ceiling') =>
        throttle(total, (done) => report({ workload, phase, done, total }));
      const adapter = await measureAppends(
        streamsNamed(`${run}-${workload}-a`, shape, payloads),
        shape,
        (job) => store.appendToStream(job.streamId, job.events, { expectedRevision: job.expectedRevision }),
        progress('adapter'),
      );
      const ceiling = await measureAppends(
        streamsNamed(`${run}-${workload}-c`, shape, payloads),
        shape,
        (job) => rawAppend(client, job),
        progress('ceiling'),
      );
      figures[workload] = figure(adapter, ceiling);
    }
    figures.read = await measureRead(store, client, report);
    return {
      label: EVENTSTOREDB_BENCHMARK_LABEL,
      ...(figures as Record<EventStoreDbWorkload, AppendFigure>),
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
  const shape: AppendShape = { appends, eventsPerAppend: 1, streams: 20, appenders: 1 };
  const ignore = (): void => undefined;
  await measureAppends(
    streamsNamed(`warm-${randomBytes(4).toString('hex')}-a`, shape, payloads),
    shape,
    (job) => store.appendToStream(job.streamId, job.events, { expectedRevision: job.expectedRevision }),
    ignore,
  );
  await measureAppends(
    streamsNamed(`warm-${randomBytes(4).toString('hex')}-c`, shape, payloads),
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
  shape: AppendShape,
  append: Append,
  progress: (done: number) => void,
): Promise<Measured> {
  let completed = 0;
  let failedAppends = 0;
  const seconds = await inTurns(plan, shape.appenders, async (job) => {
    await append(job).catch(() => (failedAppends += 1));
    completed += 1;
    progress(completed * shape.eventsPerAppend);
  });
  return { events: totalEvents(shape), seconds, failedAppends };
}

async function measureRead(
  store: EventStore,
  client: EventStoreDBClient,
  report: (progress: EventStoreDbBenchmarkProgress) => void,
): Promise<AppendFigure> {
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

function figure(adapter: Measured, ceiling: Measured): AppendFigure {
  const ceilingSeconds = (ceiling.seconds * adapter.events) / ceiling.events;
  return figureOf(
    adapter.events,
    adapter.seconds,
    ceilingSeconds,
    adapter.failedAppends + ceiling.failedAppends,
  );
}

/** The shared plan on streams of this run's own (`bench-<run>-<n>`) with ids the stand-in and server accept. */
function streamsNamed(run: string, shape: AppendShape, payloads: readonly BenchPayload[]): AppendJob[] {
  const ids = randomBytes(4).toString('hex');
  return appendPlan(shape, payloads, {
    streamId: (stream) => `bench-${run}-${stream}`,
    eventId: (index) => benchEventId(ids, index),
  });
}
