import { randomUUID } from 'node:crypto';
import type { EventToAppend, ExpectedRevision } from '../event-store.port.js';

/** A workload: so many appends of so many events, over so many streams, by so many concurrent appenders. */
export type AppendShape = Readonly<{
  appends: number;
  eventsPerAppend: number;
  streams: number;
  appenders: number;
}>;

export type AppendJob = Readonly<{
  streamId: string;
  events: EventToAppend[];
  expectedRevision: ExpectedRevision;
}>;

/** A workload's figure against its ceiling, measured in the same run. */
export type AppendFigure = Readonly<{
  /** Through the EventStore port. */
  eventsPerSecond: number;
  /** The raw driver or client doing the same work, in the same run. */
  ceiling: number;
  /** eventsPerSecond / ceiling. */
  ratio: number;
  events: number;
  seconds: number;
  /** Appends that threw; the workloads use exact expected revisions, so any failure is a bug. */
  failedAppends: number;
}>;

type Payload = Readonly<Pick<EventToAppend, 'data' | 'metadata'>>;

/** How the plan names streams (by their number) and events (by their place in the workload). */
export type PlanIds = Readonly<{ streamId: (stream: number) => string; eventId: (index: number) => string }>;

/** Random UUIDs, as the engine's are: they land all over the indexes, which costs more than ordered ids. */
export const randomPlanIds = (shape: AppendShape): PlanIds => {
  const streams = Array.from({ length: shape.streams }, () => `account-${randomUUID()}`);
  return { streamId: (stream) => streams[stream] ?? 'account-0', eventId: () => randomUUID() };
};

export const totalEvents = (shape: AppendShape): number => shape.appends * shape.eventsPerAppend;

/** A smaller workload for smoke tests (1 = the published size); every appender still has work. */
export function scaledShape(shape: AppendShape, scale: number): AppendShape {
  const appends = Math.max(shape.appenders, Math.round(shape.appends * scale));
  return { ...shape, appends, streams: Math.max(1, Math.min(shape.streams, appends)) };
}

export function payloadAt<P>(payloads: readonly P[], index: number): P {
  const payload = payloads[index % payloads.length];
  if (payload === undefined) throw new Error('the benchmark needs at least one payload');
  return payload;
}

/**
 * Append i goes to stream i mod streams with the exact revision a command handler would pass. Jobs are
 * taken in order from one queue and the stores write appends in arrival order, so the k-th append to
 * a stream always finds it at revision k * eventsPerAppend - 1.
 */
export function appendPlan(
  shape: AppendShape,
  payloads: readonly Payload[],
  ids = randomPlanIds(shape),
): AppendJob[] {
  return Array.from({ length: shape.appends }, (_, i) => {
    const lap = Math.floor(i / shape.streams);
    const events = Array.from({ length: shape.eventsPerAppend }, (_, e): EventToAppend => {
      const index = i * shape.eventsPerAppend + e;
      const { data, metadata } = payloadAt(payloads, index);
      return { id: ids.eventId(index), type: 'OrderRecorded', data, metadata };
    });
    const expectedRevision: ExpectedRevision =
      lap === 0 ? 'no_stream' : BigInt(lap * shape.eventsPerAppend - 1);
    return { streamId: ids.streamId(i % shape.streams), events, expectedRevision };
  });
}

/** [from, to) ranges cutting `length` items into `count` slices, for alternating store and ceiling. */
export function slices(length: number, count: number): [number, number][] {
  const size = Math.max(1, Math.ceil(length / count));
  return Array.from({ length: Math.ceil(length / size) }, (_, i) => [
    i * size,
    Math.min(length, (i + 1) * size),
  ]);
}

/** `workers` loops, each awaiting its own work, taking items in order from one queue; the seconds it took. */
export async function inTurns<T>(
  items: readonly T[],
  workers: number,
  work: (item: T) => Promise<void>,
): Promise<number> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await work(item);
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: workers }, worker));
  return (performance.now() - started) / 1000;
}

/** At most about a hundred reports out of `total`, so a progress bar costs nothing measurable. */
export function throttle(total: number, report: (done: number) => void): (done: number) => void {
  const step = Math.max(1, Math.floor(total / 100));
  let last = -step;
  return (done) => {
    const clamped = Math.min(done, total);
    if (clamped <= last || (clamped - last < step && clamped !== total)) return;
    last = clamped;
    report(clamped);
  };
}

export function figureOf(
  events: number,
  seconds: number,
  ceilingSeconds: number,
  failedAppends: number,
): AppendFigure {
  const eventsPerSecond = events / seconds;
  const ceiling = events / ceilingSeconds;
  return {
    eventsPerSecond: roundTo(eventsPerSecond),
    ceiling: roundTo(ceiling),
    ratio: roundTo(eventsPerSecond / ceiling, 3),
    events,
    seconds: roundTo(seconds, 3),
    failedAppends,
  };
}

export function roundTo(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
