import { createHash } from 'node:crypto';
import type { EventMetadata, EventToAppend } from '@kam/event-store';

/**
 * The `prevHash` of a stream's first event. A fixed value rather than null, so every event hashes the
 * same shape and a verifier can tell "first event" from "link missing".
 */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an event's hash covers; the stream, revision and position are checked by the chain itself. */
export type HashedFields = Readonly<{
  id: string;
  type: string;
  data: Readonly<Record<string, unknown>>;
  metadata: EventMetadata;
}>;

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, child]) => child !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, child]) => [key, sortKeys(child)]));
};

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Keys an object would list before its others (array indexes), which a sort could not place. */
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

/**
 * The text `JSON.stringify(sortKeys(value))` gives, written in one pass without copying the value
 * (every appended event is hashed, so this is on the command path). Null where the value holds
 * something the one pass does not mirror exactly (a `toJSON`, an index-like key, a non-finite
 * number, a function); the copy-and-stringify path answers those.
 */
const writeSorted = (value: unknown): string | null => {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : null;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        const items: string[] = [];
        for (const item of value) {
          const text = item === undefined ? 'null' : writeSorted(item);
          if (text === null) return null;
          items.push(text);
        }
        return `[${items.join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      if (typeof record.toJSON === 'function') return null;
      const keys = Object.keys(record).sort(byCodeUnit);
      const members: string[] = [];
      for (const key of keys) {
        const child = record[key];
        if (child === undefined) continue;
        if (INDEX_KEY.test(key)) return null;
        const text = writeSorted(child);
        if (text === null) return null;
        members.push(`${JSON.stringify(key)}:${text}`);
      }
      return `{${members.join(',')}}`;
    }
    default:
      return null;
  }
};

/**
 * Keys sorted at every level, no spaces, undefined dropped: the same text before the write and after
 * any adapter's JSON round trip (PostgreSQL's jsonb reorders keys; EventStoreDB keeps bytes).
 */
export const canonicalJson = (value: unknown): string =>
  writeSorted(value) ?? JSON.stringify(sortKeys(value));

const withoutHash = (metadata: EventMetadata): Readonly<Record<string, unknown>> => {
  if (!('hash' in metadata)) return metadata;
  const { hash: _hash, ...rest } = metadata;
  return rest;
};

/**
 * SHA-256 (hex) over the canonical JSON of the event's id, type, data and metadata (all but `hash`,
 * so `prevHash` is covered) and the previous event's hash. Changing any byte of a recorded event, or
 * moving it, changes its hash and breaks the link from the event after it.
 */
export const eventHash = (prevHash: string, event: HashedFields): string =>
  createHash('sha256')
    .update(
      canonicalJson({
        prevHash,
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: withoutHash(event.metadata),
      }),
    )
    .digest('hex');

/** The hash a recorded event carries, or null for one written before the chain existed. */
export const recordedHash = (event: Readonly<{ metadata: EventMetadata }>): string | null =>
  typeof event.metadata.hash === 'string' ? event.metadata.hash : null;

/** Links events about to be appended to the stream's last hash, each to the one before it. */
export const chainEvents = (prevHash: string, events: readonly EventToAppend[]): EventToAppend[] => {
  const chained: EventToAppend[] = [];
  let previous = prevHash;
  for (const event of events) {
    const metadata = { ...event.metadata, prevHash: previous };
    const hash = eventHash(previous, { ...event, metadata });
    chained.push({ ...event, metadata: { ...metadata, hash } });
    previous = hash;
  }
  return chained;
};

export const lastHash = (events: readonly Readonly<{ metadata: EventMetadata }>[]): string | null => {
  const last = events.at(-1);
  return last === undefined ? null : recordedHash(last);
};
