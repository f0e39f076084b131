import { ACCOUNT_EVENT_SCHEMA_VERSIONS, isAccountEventType, upcast, type AccountEvent } from '@kam/domain';
import type { RecordedEvent } from '@kam/event-store';

/**
 * Where an event sits in the log. Positions and revisions are plain numbers inside the projections:
 * bigint arithmetic on every event would cost more than the rest of the fold, and a log would need
 * 2^53 events before the conversion loses anything.
 */
export type Envelope = Readonly<{ position: number; revision: number; recordedAt: string }>;

export type ProjectedEvent = AccountEvent & Envelope;

/** What a projection needs of a stored event, however it was read. */
export type StoredEvent = Readonly<{
  type: string;
  data: unknown;
  /** The metadata's `schemaVersion`. */
  schemaVersion: unknown;
  position: number;
  revision: number;
  recordedAt: string;
}>;

/**
 * The account event a projection folds, read into today's shape by the domain's upcasters, or null for
 * an event of another kind (skipped by every projection). Throws on data no upcaster can read.
 */
export const projectEvent = (stored: StoredEvent): ProjectedEvent | null => {
  const { type, schemaVersion } = stored;
  if (!isAccountEventType(type)) return null;
  // Nearly every event is at today's version: skip the upcaster's copy for those.
  const data =
    schemaVersion === ACCOUNT_EVENT_SCHEMA_VERSIONS[type]
      ? stored.data
      : upcast(type, schemaVersion as number, stored.data as Record<string, unknown>).data;
  return {
    type,
    data,
    position: stored.position,
    revision: stored.revision,
    recordedAt: stored.recordedAt,
  } as ProjectedEvent;
};

/** `projectEvent` of an event as the store's port returns it. */
export const toProjectedEvent = (recorded: RecordedEvent): ProjectedEvent | null =>
  projectEvent({
    type: recorded.type,
    data: recorded.data,
    schemaVersion: recorded.metadata.schemaVersion,
    position: Number(recorded.position),
    revision: Number(recorded.revision),
    recordedAt: recorded.recordedAt,
  });

const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The instant in one canonical form (UTC, milliseconds): read models compare times as text, and
 * `2026-01-15`, `2026-01-15T08:00:00+08:00` and `2026-01-15T00:00:00Z` must order by what they mean.
 */
export const toInstant = (text: string): string => {
  if (CANONICAL_INSTANT.test(text)) return text;
  const parsed = new Date(text);
  if (Number.isNaN(parsed.getTime())) throw new RangeError(`Not an ISO-8601 date or date-time: ${text}`);
  return parsed.toISOString();
};

/** `YYYY-MM` of an instant, in UTC: the month an order or payment is booked in. */
export const monthOf = (text: string): string => toInstant(text).slice(0, 7);

export const laterOf = (a: string | null, b: string): string => (a === null || b > a ? b : a);
