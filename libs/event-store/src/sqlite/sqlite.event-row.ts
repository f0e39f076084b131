import type { EventFilter, EventMetadata, RecordedEvent } from '../event-store.port.js';

export type EventRow = Readonly<{
  position: number;
  id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}>;

export const EVENT_COLUMNS = 'position, id, stream_id, revision, type, data, metadata, recorded_at';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    streamId: row.stream_id,
    type: row.type,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    recordedAt: row.recorded_at,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as EventMetadata,
  };
}

/** A row as `.raw()` returns it, in EVENT_COLUMNS order: no object with named keys per row. */
export type RawEventRow = readonly [
  position: number,
  id: string,
  streamId: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];

/** Columns a query selects after EVENT_COLUMNS (a multi-stream read's list place) are left out. */
export function rawToRecordedEvent(row: readonly [...RawEventRow, ...unknown[]]): RecordedEvent {
  return {
    id: row[1],
    streamId: row[2],
    type: row[4],
    revision: BigInt(row[3]),
    position: BigInt(row[0]),
    recordedAt: row[7],
    data: JSON.parse(row[5]) as Record<string, unknown>,
    metadata: JSON.parse(row[6]) as EventMetadata,
  };
}

export type FilterClause = Readonly<{ sql: string; params: readonly string[]; key: string }>;

/**
 * Event types and stream prefixes combine with AND; the values within each list with OR. An empty or
 * missing list does not constrain. `instr(...) = 1` is "starts with" without LIKE's wildcards.
 */
export function filterClause(filter: EventFilter | undefined): FilterClause {
  const types = filter?.eventTypes ?? [];
  const prefixes = filter?.streamPrefixes ?? [];
  const parts: string[] = [];
  if (types.length > 0) parts.push(`type IN (${types.map(() => '?').join(', ')})`);
  if (prefixes.length > 0) parts.push(`(${prefixes.map(() => 'instr(stream_id, ?) = 1').join(' OR ')})`);
  return {
    sql: parts.map((part) => ` AND ${part}`).join(''),
    params: [...types, ...prefixes],
    key: `${types.length}:${prefixes.length}`,
  };
}
