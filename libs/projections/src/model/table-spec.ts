import type { AccountEventType } from '@kam/domain';
import type { ProjectedEvent } from './projected-event.js';

export type SqlValue = string | number | null;
export type Row = Readonly<Record<string, SqlValue>>;

/**
 * How a column of an additive read model merges a batch's delta into the stored row. `sum` adds;
 * `max` keeps the later text (ISO instants); `first` keeps the stored value unless it is null;
 * `last` takes the delta's unless it is null. Each is associative, so batching never changes a result.
 * A column without a rule is a key column (or never changes once written).
 */
export type MergeRule = 'sum' | 'max' | 'first' | 'last';

/** `double precision` and `bigint` map to REAL and INTEGER affinity in SQLite, and to float8 and int8 in PostgreSQL. */
export type ColumnType = 'text' | 'integer' | 'bigint' | 'double precision';

export type ColumnSpec = Readonly<{ name: string; type: ColumnType; nullable?: boolean; merge?: MergeRule }>;

export type TableSpec = Readonly<{
  name: string;
  columns: readonly ColumnSpec[];
  primaryKey: readonly string[];
  /** Secondary indexes, each a list of columns; built after a rebuild has loaded its rows. */
  indexes: readonly (readonly string[])[];
}>;

type ProjectionBase = Readonly<{
  name: string;
  table: TableSpec;
  /** The only event types the runner hands to this projection. */
  handles: readonly AccountEventType[];
}>;

/** One row per key; the runner loads the stored row, folds the batch over it, and writes it back. */
export type KeyedProjection<R extends Row = Row> = ProjectionBase &
  Readonly<{
    kind: 'keyed';
    /** The row's key: its key columns' values joined by `joinKey`, in primary-key order. */
    keyOf(event: ProjectedEvent): string;
    /**
     * Event types that only move bookkeeping columns (revision, position), so that folding a run of
     * them equals folding the last one: `evolve(evolve(r, a), b) = evolve(r, b)`. Folded lazily.
     */
    touchOnly?: readonly AccountEventType[];
    /** Null when the event leaves no row (say, an order before registration, skipped like the decider does). */
    evolve(row: R | null, event: ProjectedEvent): R | null;
  }>;

/**
 * Rows that merge by the columns' rules, so a batch is folded from nothing and added to the stored row
 * in SQL: `evolve(stored + delta, e) = stored + evolve(delta, e)`. No row is read back.
 */
export type AdditiveProjection<R extends Row = Row> = ProjectionBase &
  Readonly<{
    kind: 'additive';
    /** The row's key: its key columns' values joined by `joinKey`, in primary-key order. */
    keyOf(event: ProjectedEvent): string;
    evolve(row: R | null, event: ProjectedEvent): R | null;
  }>;

/** One new row per event, keyed by the event's position: history, never updated. */
export type AppendProjection<R extends Row = Row> = ProjectionBase &
  Readonly<{
    kind: 'append';
    toRow(event: ProjectedEvent): R;
  }>;

export type Projection = KeyedProjection | AdditiveProjection | AppendProjection;

/** Joins key column values into one map key; NUL cannot occur in ids, months or instants. */
export const joinKey = (...values: readonly string[]): string => values.join('\u0000');
export const splitKey = (key: string): string[] => key.split('\u0000');
/** The map key of stored key values, as `keyOf` builds it. */
export const keyString = (values: readonly SqlValue[]): string => joinKey(...values.map(String));

/** The merge an additive projection's SQL performs, in memory: the law its specs check. */
export const mergeRows = (table: TableSpec, stored: Row, delta: Row): Row => {
  const merged: Record<string, SqlValue> = { ...stored };
  for (const { name, merge } of table.columns) {
    const [a, b] = [stored[name] ?? null, delta[name] ?? null];
    if (merge === 'sum') merged[name] = Number(a ?? 0) + Number(b ?? 0);
    if (merge === 'max') merged[name] = b === null || (a !== null && a >= b) ? a : b;
    if (merge === 'first') merged[name] = a ?? b;
    if (merge === 'last') merged[name] = b ?? a;
  }
  return merged;
};
