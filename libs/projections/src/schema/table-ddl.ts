import type { TableSpec } from '../model/table-spec.js';

/**
 * DDL from a table spec, in SQL that SQLite and PostgreSQL both take. Constraint and index names carry
 * a tag: a rebuilt table is renamed into place with its indexes, and the next rebuild must be free to
 * create its own under fresh names (PostgreSQL wants index names unique per schema).
 */
export const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

export const REBUILD_SUFFIX = '__rebuild';

export const tableName = (spec: TableSpec, target: 'live' | 'rebuild'): string =>
  target === 'live' ? spec.name : `${spec.name}${REBUILD_SUFFIX}`;

export type SqlDialect = 'sqlite' | 'postgres';

/**
 * SQLite stores a table with a text or composite key as a rowid b-tree plus a key index; WITHOUT
 * ROWID clusters the rows on the key instead: one b-tree write per row, about half the cost.
 */
const TABLE_OPTIONS: Readonly<Record<SqlDialect, string>> = { sqlite: ' WITHOUT ROWID', postgres: '' };

export function createTableSql(spec: TableSpec, name: string, tag: string, dialect: SqlDialect): string {
  const columns = spec.columns.map(
    (column) => `${quote(column.name)} ${column.type}${column.nullable === true ? '' : ' NOT NULL'}`,
  );
  const primaryKey = `CONSTRAINT ${quote(`${spec.name}_pk_${tag}`)} PRIMARY KEY (${spec.primaryKey.map(quote).join(', ')})`;
  return `CREATE TABLE IF NOT EXISTS ${quote(name)} (${[...columns, primaryKey].join(', ')})${TABLE_OPTIONS[dialect]}`;
}

export function createIndexSql(spec: TableSpec, name: string, tag: string): string[] {
  return spec.indexes.map(
    (columns) =>
      `CREATE INDEX IF NOT EXISTS ${quote(`${spec.name}_${columns.join('_')}_ix_${tag}`)} ` +
      `ON ${quote(name)} (${columns.map(quote).join(', ')})`,
  );
}

/** Upsert that replaces every column but the key. */
export function upsertSql(spec: TableSpec, name: string, rows = 1): string {
  const keys = new Set(spec.primaryKey);
  const updates = spec.columns
    .filter((column) => !keys.has(column.name))
    .map((column) => `${quote(column.name)} = excluded.${quote(column.name)}`);
  return `${insertSql(spec, name, rows)} ON CONFLICT (${spec.primaryKey.map(quote).join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
}

/** Upsert that merges a delta row into the stored one by each column's rule. */
export function mergeSql(spec: TableSpec, name: string, rows = 1): string {
  const updates = spec.columns.flatMap((column) => {
    const stored = `${quote(name)}.${quote(column.name)}`;
    const delta = `excluded.${quote(column.name)}`;
    if (column.merge === 'sum') return [`${quote(column.name)} = ${stored} + ${delta}`];
    if (column.merge === 'first') return [`${quote(column.name)} = coalesce(${stored}, ${delta})`];
    if (column.merge === 'last') return [`${quote(column.name)} = coalesce(${delta}, ${stored})`];
    if (column.merge === 'max') {
      return [
        `${quote(column.name)} = CASE WHEN ${delta} IS NULL OR (${stored} IS NOT NULL AND ${stored} >= ${delta}) ` +
          `THEN ${stored} ELSE ${delta} END`,
      ];
    }
    return [];
  });
  return `${insertSql(spec, name, rows)} ON CONFLICT (${spec.primaryKey.map(quote).join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
}

/** Positional parameters, row after row in column order: `?` here; a PostgreSQL adapter numbers them. */
export function insertSql(spec: TableSpec, name: string, rows = 1): string {
  const columns = spec.columns.map((column) => quote(column.name)).join(', ');
  const row = `(${spec.columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${quote(name)} (${columns}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`;
}

export function selectByKeySql(spec: TableSpec, name: string): string {
  return `SELECT * FROM ${quote(name)} WHERE ${spec.primaryKey.map((column) => `${quote(column)} = ?`).join(' AND ')}`;
}
