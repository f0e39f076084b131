import type Database from 'better-sqlite3';
import type { TableWrite } from '../model/apply-batch.js';
import type { SqlValue, TableSpec } from '../model/table-spec.js';
import { insertSql, mergeSql, upsertSql } from '../schema/table-ddl.js';

type Statement = Database.Statement<[readonly SqlValue[]]>;
type Mode = TableWrite['mode'];

const WRITE_SQL: Readonly<Record<Mode, (spec: TableSpec, name: string, rows: number) => string>> = {
  upsert: upsertSql,
  merge: mergeSql,
  insert: insertSql,
};

/** Rows per statement: one statement per row costs about half again as much per row as sixteen. */
const ROWS_PER_STATEMENT = 16;

/** Writes rows with prepared multi-row statements, cached per table and mode; call inside a transaction. */
export class SqliteRowWriter {
  readonly #statements = new Map<string, Statement>();

  constructor(private readonly db: Database.Database) {}

  write(
    mode: Mode,
    table: TableSpec,
    name: string,
    rows: readonly Readonly<Record<string, SqlValue>>[],
  ): void {
    const columns = table.columns.map((column) => column.name);
    const width = columns.length;
    const many = this.#statement(mode, table, name, ROWS_PER_STATEMENT);
    const params: SqlValue[] = new Array<SqlValue>(width * ROWS_PER_STATEMENT).fill(null);
    let index = 0;
    for (; index + ROWS_PER_STATEMENT <= rows.length; index += ROWS_PER_STATEMENT) {
      for (let offset = 0; offset < ROWS_PER_STATEMENT; offset += 1) {
        const row = rows[index + offset] ?? {};
        for (let column = 0; column < width; column += 1)
          params[offset * width + column] = row[columns[column] as string] ?? null;
      }
      many.run(params);
    }
    const one = this.#statement(mode, table, name, 1);
    const single: SqlValue[] = new Array<SqlValue>(width).fill(null);
    for (; index < rows.length; index += 1) {
      const row = rows[index] ?? {};
      for (let column = 0; column < width; column += 1)
        single[column] = row[columns[column] as string] ?? null;
      one.run(single);
    }
  }

  /** After a table was dropped or renamed: its statements would be re-prepared anyway, this frees them. */
  clear(): void {
    this.#statements.clear();
  }

  #statement(mode: Mode, table: TableSpec, name: string, rows: number): Statement {
    const key = `${mode}:${name}:${rows}`;
    let statement = this.#statements.get(key);
    if (statement === undefined) {
      statement = this.db.prepare<[readonly SqlValue[]]>(WRITE_SQL[mode](table, name, rows));
      this.#statements.set(key, statement);
    }
    return statement;
  }
}
