import {
  jsonEvent,
  type EventData,
  type JSONType,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';

import type { EventFilter, EventMetadata, EventToAppend, RecordedEvent } from '../event-store.port.js';

/**
 * Servers before 22.10 do not fill in the `$all` position on stream reads and send the maximum
 * unsigned 64-bit value instead; the port reports that as -1n (unknown) rather than a bogus position.
 */
const NO_POSITION = 0xffff_ffff_ffff_ffffn;

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** `$correlationId` and `$causationId` are the server's own convention (projections follow them). */
export const toEsdbMetadata = (metadata: EventMetadata): JsonObject => {
  const { correlationId, causationId, ...rest } = metadata;
  return { ...rest, $correlationId: correlationId, $causationId: causationId };
};

/** Events written by other tools may lack our keys: the event's own id stands in for the chain. */
export const fromEsdbMetadata = (raw: unknown, eventId: string): EventMetadata => {
  const { $correlationId, $causationId, correlationId, causationId, actor, schemaVersion, ...rest } =
    isObject(raw) ? raw : {};
  return {
    ...rest,
    correlationId: text($correlationId) ?? text(correlationId) ?? eventId,
    causationId: text($causationId) ?? text(causationId) ?? eventId,
    actor: text(actor) ?? 'unknown',
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
  };
};

export const toEventData = (event: EventToAppend): EventData =>
  jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data as JSONType,
    metadata: toEsdbMetadata(event.metadata),
  });

const dataOf = (event: EsdbRecordedEvent): Readonly<Record<string, unknown>> => {
  if (event.data instanceof Uint8Array) return { $binary: Buffer.from(event.data).toString('base64') };
  return isObject(event.data) ? event.data : { $value: event.data };
};

export const positionOf = (event: EsdbRecordedEvent): bigint => {
  const commit = event.position?.commit;
  return commit === undefined || commit === NO_POSITION ? -1n : commit;
};

export const toRecordedEvent = (event: EsdbRecordedEvent): RecordedEvent => ({
  id: event.id,
  streamId: event.streamId,
  type: event.type,
  revision: event.revision,
  position: positionOf(event),
  recordedAt: event.created.toISOString(),
  data: dataOf(event),
  metadata: fromEsdbMetadata(event.metadata, event.id),
});

/** System events (`$`-prefixed types or streams) belong to the server, never to the engine. */
export const isSystemEvent = (event: Readonly<{ type: string; streamId: string }>): boolean =>
  event.type.startsWith('$') || event.streamId.startsWith('$');

export type EventPredicate = (event: Readonly<{ type: string; streamId: string }>) => boolean;

/** Both parts of a filter must hold; an empty list does not restrict. */
export const matcherOf = (filter: EventFilter | undefined): EventPredicate => {
  const types = filter?.eventTypes?.length ? new Set(filter.eventTypes) : undefined;
  const prefixes = filter?.streamPrefixes?.length ? filter.streamPrefixes : undefined;
  return (event) =>
    !isSystemEvent(event) &&
    (types === undefined || types.has(event.type)) &&
    (prefixes === undefined || prefixes.some((prefix) => event.streamId.startsWith(prefix)));
};
