import type { EventStore, RecordedEvent } from '@kam/event-store';

/** One NDJSON line: the event as recorded, metadata (with its chain hashes) included. */
export type ExportedEvent = Readonly<{
  position: string;
  streamId: string;
  revision: number;
  id: string;
  type: string;
  recordedAt: string;
  data: Readonly<Record<string, unknown>>;
  metadata: Readonly<Record<string, unknown>>;
}>;

export const toExportedEvent = (event: RecordedEvent): ExportedEvent => ({
  position: event.position.toString(),
  streamId: event.streamId,
  revision: Number(event.revision),
  id: event.id,
  type: event.type,
  recordedAt: event.recordedAt,
  data: event.data,
  metadata: event.metadata,
});

export type ExportOptions = Readonly<{
  streamId?: string;
  /** Inclusive: the first global position to export. */
  fromPosition?: bigint;
}>;

/** The events to export, in log order, read page by page. */
export async function* eventsToExport(
  store: EventStore,
  options: ExportOptions = {},
): AsyncGenerator<RecordedEvent> {
  const from = options.fromPosition ?? 0n;
  if (options.streamId === undefined) {
    yield* store.readAll(from > 0n ? { after: from - 1n } : {});
    return;
  }
  for await (const event of store.readStream(options.streamId)) {
    if (event.position >= from) yield event;
  }
}

/** NDJSON text per event; the caller writes it, minding backpressure. */
export const toNdjsonLine = (event: RecordedEvent): string => `${JSON.stringify(toExportedEvent(event))}\n`;
