/**
 * TEST CODE, NOT A PRODUCT: `Streams/Read` of the EventStoreDB stand-in, covering what
 * `@eventstore/db-client` asks of it: reads of a stream and of `$all` in both directions, and
 * catch-up subscriptions (confirmation, history, checkpoints when filtered, caught-up, live events).
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';

import * as grpc from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb.js';

import type { InMemoryLog, LoggedEvent } from './in-memory-log.store.js';
import {
  ProtocolError,
  caughtUpResp,
  checkpointResp,
  confirmationResp,
  filterOf,
  streamNameOf,
  streamNotFoundResp,
  toReadEventResp,
  uuidFormatOf,
  type ReadFilter,
  type UuidFormat,
} from './protocol.mapper.js';

type ReadCall = grpc.ServerWritableStream<ReadReq, ReadResp>;

/** Writes with back-pressure and knows when the client has gone away. */
class ResponseWriter {
  readonly gone: Promise<void>;
  private closed = false;

  constructor(private readonly call: ReadCall) {
    this.gone = new Promise((resolve) => {
      const close = (): void => {
        this.closed = true;
        resolve();
      };
      call.on('cancelled', close);
      call.on('close', close);
      call.on('error', close);
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async write(response: ReadResp): Promise<void> {
    if (this.closed) return;
    if (!this.call.write(response)) await Promise.race([once(this.call, 'drain'), this.gone]);
  }

  end(): void {
    if (!this.closed) this.call.end();
  }

  fail(code: grpc.status, details: string): void {
    if (!this.closed) this.call.emit('error', { code, details, metadata: new grpc.Metadata() });
  }
}

type ReadPlan = Readonly<{ events: Iterable<LoggedEvent>; count: bigint; filter: ReadFilter | undefined }>;

export const createReadHandler =
  (log: InMemoryLog) =>
  (call: ReadCall): void => {
    const writer = new ResponseWriter(call);
    serveRead(log, call.request, writer).catch((error: unknown) => {
      const code = error instanceof ProtocolError ? grpc.status.INVALID_ARGUMENT : grpc.status.INTERNAL;
      writer.fail(code, error instanceof Error ? error.message : String(error));
    });
  };

const serveRead = async (log: InMemoryLog, request: ReadReq, writer: ResponseWriter): Promise<void> => {
  const options = request.getOptions();
  if (options === undefined) throw new ProtocolError('read options are required');
  const uuidFormat = uuidFormatOf(options);
  if (options.hasSubscription()) return subscribe(log, options, writer, uuidFormat);
  if (options.hasStream()) {
    const streamName = streamNameOf(options.getStream()?.getStreamIdentifier());
    const events = log.stream(streamName);
    if (events === undefined) {
      await writer.write(streamNotFoundResp(streamName));
      return writer.end();
    }
    return sendRead(
      writer,
      { events: streamEvents(events, options), count: countOf(options), filter: undefined },
      uuidFormat,
    );
  }
  const plan = { events: allEvents(log, options), count: countOf(options), filter: filterOf(options) };
  return sendRead(writer, plan, uuidFormat);
};

const countOf = (options: ReadReq.Options): bigint => BigInt(options.getCount() || '0');

const isBackwards = (options: ReadReq.Options): boolean => options.getReadDirection() === 1;

function* ascending(events: readonly LoggedEvent[], from: number, until: number): Generator<LoggedEvent> {
  for (let index = Math.max(0, from); index < until; index += 1) {
    const event = events[index];
    if (event) yield event;
  }
}

function* descending(events: readonly LoggedEvent[], from: number): Generator<LoggedEvent> {
  for (let index = Math.min(from, events.length - 1); index >= 0; index -= 1) {
    const event = events[index];
    if (event) yield event;
  }
}

/** Stream reads are inclusive of `fromRevision` in both directions. */
const streamEvents = (events: readonly LoggedEvent[], options: ReadReq.Options): Iterable<LoggedEvent> => {
  const streamOptions = options.getStream();
  const last = events.length - 1;
  const revision = streamOptions?.hasRevision() ? Number(streamOptions.getRevision()) : undefined;
  if (isBackwards(options)) {
    const from = streamOptions?.hasStart() ? 0 : (revision ?? last);
    return descending(events, from);
  }
  const from = streamOptions?.hasEnd() ? events.length : (revision ?? 0);
  return ascending(events, from, events.length);
};

/** `$all` forwards is inclusive of the position; backwards reads what lies before it. */
const allEvents = (log: InMemoryLog, options: ReadReq.Options): Iterable<LoggedEvent> => {
  const allOptions = options.getAll();
  const length = log.events.length;
  const position = allOptions?.getPosition();
  const index = position ? log.indexAtOrAfter(BigInt(position.getCommitPosition())) : undefined;
  if (isBackwards(options)) {
    const from = allOptions?.hasStart() ? -1 : index === undefined ? length - 1 : index - 1;
    return descending(log.events, from);
  }
  const from = allOptions?.hasEnd() ? length : (index ?? 0);
  return ascending(log.events, from, length);
};

const sendRead = async (writer: ResponseWriter, plan: ReadPlan, uuidFormat: UuidFormat): Promise<void> => {
  let sent = 0n;
  for (const event of plan.events) {
    if (sent >= plan.count || writer.isClosed) break;
    if (plan.filter && !plan.filter.matches(event)) continue;
    await writer.write(toReadEventResp(event, uuidFormat));
    sent += 1n;
  }
  writer.end();
};

type SubscriptionSource = Readonly<{ events: () => readonly LoggedEvent[]; startIndex: number }>;

const allSubscriptionSource = (log: InMemoryLog, options: ReadReq.Options): SubscriptionSource => {
  const allOptions = options.getAll();
  const position = allOptions?.getPosition();
  if (allOptions?.hasEnd()) return { events: () => log.events, startIndex: log.events.length };
  if (position === undefined) return { events: () => log.events, startIndex: 0 };
  // Subscription positions are exclusive: the event at the checkpoint was already seen.
  const after = BigInt(position.getCommitPosition());
  const index = log.indexAtOrAfter(after);
  const skip = log.events[index]?.position === after ? 1 : 0;
  return { events: () => log.events, startIndex: index + skip };
};

const streamSubscriptionSource = (log: InMemoryLog, options: ReadReq.Options): SubscriptionSource => {
  const streamOptions = options.getStream();
  const streamName = streamNameOf(streamOptions?.getStreamIdentifier());
  const events = (): readonly LoggedEvent[] => log.stream(streamName) ?? [];
  if (streamOptions?.hasEnd()) return { events, startIndex: events().length };
  if (streamOptions?.hasRevision()) return { events, startIndex: Number(streamOptions.getRevision()) + 1 };
  return { events, startIndex: 0 };
};

const subscribe = async (
  log: InMemoryLog,
  options: ReadReq.Options,
  writer: ResponseWriter,
  uuidFormat: UuidFormat,
): Promise<void> => {
  const source = options.hasStream()
    ? streamSubscriptionSource(log, options)
    : allSubscriptionSource(log, options);
  const filter = options.hasStream() ? undefined : filterOf(options);
  await writer.write(confirmationResp(randomUUID()));
  let cursor = source.startIndex;
  let scanned = 0;
  let caughtUp = false;
  while (!writer.isClosed) {
    const event = source.events()[cursor];
    if (event === undefined) {
      if (!caughtUp) {
        const last = source.events().at(-1);
        if (filter && last) await writer.write(checkpointResp(last.position));
        await writer.write(caughtUpResp());
        caughtUp = true;
      }
      await Promise.race([log.nextAppend(), writer.gone]);
      continue;
    }
    cursor += 1;
    scanned += 1;
    if (!filter || filter.matches(event)) await writer.write(toReadEventResp(event, uuidFormat));
    if (filter && scanned % filter.checkpointEvery === 0) await writer.write(checkpointResp(event.position));
  }
};
