import { hash as digest } from 'node:crypto';
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

/** Keys an object would list before its others (array indexes), which a sort could not place. */
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;
/**
 * Text JSON writes as it is, between quotes: no quote, backslash, control character or lone
 * surrogate (\p{Cc} also takes U+007F-U+009F, which JSON keeps as they are: those few strings
 * just go the escaping way).
 */
const PLAIN_TEXT = /^[^"\\\p{Cc}\p{Cs}]*$/u;

/** `"key":` for the keys events use over and over; bounded, as data may carry keys of its own. */
const keyPrefixes = new Map<string, string>();
const keyPrefix = (key: string): string => {
  let prefix = keyPrefixes.get(key);
  if (prefix === undefined) {
    prefix = `${JSON.stringify(key)}:`;
    if (keyPrefixes.size < 1_000) keyPrefixes.set(key, prefix);
  }
  return prefix;
};

/** Code-unit order in place: objects have a handful of keys, and Array#sort allocates per call. */
const sortInPlace = (keys: string[]): string[] => {
  for (let i = 1; i < keys.length; i += 1) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j -= 1;
    }
    keys[j + 1] = key;
  }
  return keys;
};

/** Where a value holds something the one-pass writer does not mirror exactly. */
const UNMIRRORED = null;
type Written = string | typeof UNMIRRORED;

/**
 * The text `JSON.stringify(sortKeys(value))` gives, in one pass over the value: no copy of it, the
 * text grown by concatenation, which V8 keeps as a rope until the hash reads it (every appended
 * event is hashed, so this is on the command path). UNMIRRORED where the value holds something the
 * pass does not mirror exactly (a `toJSON`, an index-like key, a non-finite number, a function);
 * the copy-and-stringify path answers those.
 */
const writeSorted = (value: unknown): Written => {
  switch (typeof value) {
    case 'string':
      return PLAIN_TEXT.test(value) ? `"${value}"` : JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : UNMIRRORED;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value)
        ? writeArray(value)
        : writeObject(value as Readonly<Record<string, unknown>>);
    default:
      return UNMIRRORED;
  }
};

const writeArray = (items: readonly unknown[]): Written => {
  let text = '[';
  for (let i = 0; i < items.length; i += 1) {
    if (i > 0) text += ',';
    const item = items[i];
    if (item === undefined) {
      text += 'null';
      continue;
    }
    const written = writeSorted(item);
    if (written === UNMIRRORED) return UNMIRRORED;
    text += written;
  }
  return `${text}]`;
};

const writeObject = (record: Readonly<Record<string, unknown>>): Written => {
  if (typeof record.toJSON === 'function') return UNMIRRORED;
  let text = '{';
  let first = true;
  for (const key of sortInPlace(Object.keys(record))) {
    const child = record[key];
    if (child === undefined) continue;
    if (INDEX_KEY.test(key)) return UNMIRRORED;
    const written = writeSorted(child);
    if (written === UNMIRRORED) return UNMIRRORED;
    text += first ? keyPrefix(key) + written : `,${keyPrefix(key)}${written}`;
    first = false;
  }
  return `${text}}`;
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
  digest(
    'sha256',
    canonicalJson({
      prevHash,
      id: event.id,
      type: event.type,
      data: event.data,
      metadata: withoutHash(event.metadata),
    }),
  );

/** The hash a recorded event carries, or null for one written before the chain existed. */
export const recordedHash = (event: Readonly<{ metadata: EventMetadata }>): string | null =>
  typeof event.metadata.hash === 'string' ? event.metadata.hash : null;

/** Links events about to be appended to the stream's last hash, each to the one before it. */
export const chainEvents = (prevHash: string, events: readonly EventToAppend[]): EventToAppend[] => {
  const chained: EventToAppend[] = [];
  let previous = prevHash;
  for (const event of events) {
    const metadata = { ...event.metadata, prevHash: previous };
    const hash = eventHash(previous, { id: event.id, type: event.type, data: event.data, metadata });
    chained.push({ ...event, metadata: { ...metadata, hash } });
    previous = hash;
  }
  return chained;
};

export const lastHash = (events: readonly Readonly<{ metadata: EventMetadata }>[]): string | null => {
  const last = events.at(-1);
  return last === undefined ? null : recordedHash(last);
};
