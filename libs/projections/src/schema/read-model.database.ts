import { sql, type Kysely } from 'kysely';
import type { AccountMetricsMonthlyRow } from '../model/account-metrics-monthly.projection.js';
import type { AccountSummaryRow } from '../model/account-summary.table.js';
import type { ClassificationHistoryRow } from '../model/classification-history.projection.js';
import type { LifecycleHistoryRow } from '../model/lifecycle-history.projection.js';
import { PROJECTIONS } from '../model/projection-registry.js';
import type { ReceivableRow } from '../model/receivables.projection.js';
import type { TableSpec } from '../model/table-spec.js';
import { createIndexSql, createTableSql, quote, type SqlDialect } from './table-ddl.js';

export type CheckpointRow = Readonly<{ name: string; position: number; updated_at: string }>;

/** A lease: `expires_at` in epoch milliseconds; a holder renews it while it works. */
export type LockRow = Readonly<{ name: string; owner: string; expires_at: number; acquired_at: string }>;

/** The read models as Kysely sees them. PostgreSQL returns `bigint` columns as strings: read them through Number(). */
export interface ReadModelDatabase {
  account_summary: AccountSummaryRow;
  account_metrics_monthly: AccountMetricsMonthlyRow;
  receivables: ReceivableRow;
  classification_history: ClassificationHistoryRow;
  lifecycle_history: LifecycleHistoryRow;
  projection_checkpoints: CheckpointRow;
  projection_locks: LockRow;
}

export const CHECKPOINTS_TABLE: TableSpec = {
  name: 'projection_checkpoints',
  columns: [
    { name: 'name', type: 'text' },
    { name: 'position', type: 'bigint' },
    { name: 'updated_at', type: 'text' },
  ],
  primaryKey: ['name'],
  indexes: [],
};

export const LOCKS_TABLE: TableSpec = {
  name: 'projection_locks',
  columns: [
    { name: 'name', type: 'text' },
    { name: 'owner', type: 'text' },
    { name: 'expires_at', type: 'bigint' },
    { name: 'acquired_at', type: 'text' },
  ],
  primaryKey: ['name'],
  indexes: [],
};

/** Tag of the indexes a table gets when first created; rebuilt tables carry their rebuild's tag. */
const FIRST_TAG = 'g0';

const sameColumns = (spec: TableSpec, present: readonly string[]): boolean =>
  present.length === spec.columns.length && spec.columns.every((column) => present.includes(column.name));

/**
 * Creates what is missing. Indexes are created only with their table: a table swapped in by a
 * rebuild already has its own, under its rebuild's tag. A projection's table whose columns differ
 * from this build's (an upgrade changed the model) is dropped, created afresh and its checkpoint
 * removed, so the runner folds it again from the start. Returns the names of those reset.
 */
export async function ensureReadModelSchema(
  db: Kysely<ReadModelDatabase>,
  dialect: SqlDialect,
): Promise<readonly string[]> {
  const specs = [...PROJECTIONS.map((projection) => projection.table), CHECKPOINTS_TABLE, LOCKS_TABLE];
  const tables = new Map((await db.introspection.getTables()).map((table) => [table.name, table]));
  const changed = PROJECTIONS.filter(({ table }) => {
    const present = tables.get(table.name);
    return (
      present !== undefined &&
      !sameColumns(
        table,
        present.columns.map((column) => column.name),
      )
    );
  });
  const missing = specs.filter((spec) => !tables.has(spec.name));
  if (missing.length === 0 && changed.length === 0) return [];
  await db.transaction().execute(async (trx) => {
    for (const { table } of changed) await sql.raw(`DROP TABLE IF EXISTS ${quote(table.name)}`).execute(trx);
    for (const spec of [...missing, ...changed.map((projection) => projection.table)]) {
      await sql.raw(createTableSql(spec, spec.name, FIRST_TAG, dialect)).execute(trx);
      for (const statement of createIndexSql(spec, spec.name, FIRST_TAG))
        await sql.raw(statement).execute(trx);
    }
    const reset = changed.map((projection) => projection.name);
    if (reset.length > 0) await trx.deleteFrom('projection_checkpoints').where('name', 'in', reset).execute();
  });
  return changed.map((projection) => projection.name);
}
