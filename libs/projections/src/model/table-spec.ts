import type { AccountEventType } from '@kam/domain';
import type { ProjectedEvent } from './projected-event.js';

export type SqlValue = string | number | null;
export type Row = Readonly<Record<string, SqlValue>>;

/**
 * How a column of an additive read model merges a batch's delta into the stored row.
 * `sum` adds; `max` keeps the later text (ISO instants) and ignores nulls.
 */
export type MergeRule = 'sum' | 'max';

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
    keyOf(event: ProjectedEvent): readonly SqlValue[];
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
    keyOf(event: ProjectedEvent): readonly SqlValue[];
    evolve(row: R | null, event: ProjectedEvent): R | null;
  }>;

/** One new row per event, keyed by the event's position: history, never updated. */
export type AppendProjection<R extends Row = Row> = ProjectionBase &
  Readonly<{
    kind: 'append';
    toRow(event: ProjectedEvent): R;
  }>;

export type Projection = KeyedProjection | AdditiveProjection | AppendProjection;

export const keyString = (values: readonly SqlValue[]): string =>
  values.length === 1 ? String(values[0]) : values.join('\u0000');

/** The merge an additive projection's SQL performs, in memory: the law its specs check. */
export const mergeRows = (table: TableSpec, stored: Row, delta: Row): Row => {
  const merged: Record<string, SqlValue> = { ...stored };
  for (const { name, merge } of table.columns) {
    const [a, b] = [stored[name] ?? null, delta[name] ?? null];
    if (merge === 'sum') merged[name] = Number(a ?? 0) + Number(b ?? 0);
    if (merge === 'max') merged[name] = b === null || (a !== null && a >= b) ? a : b;
  }
  return merged;
};
