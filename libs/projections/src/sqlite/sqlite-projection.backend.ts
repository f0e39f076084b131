import type Database from 'better-sqlite3';
import { keyString, type Projection, type Row, type SqlValue } from '../model/table-spec.js';
import { ProjectionLockLostError } from '../projection.errors.js';
import {
  CheckpointMovedError,
  type BatchCommit,
  type Lease,
  type ProjectionBackend,
  type Target,
} from '../runner/projection-backend.js';
import { createIndexSql, createTableSql, quote, selectByKeySql, tableName } from '../schema/table-ddl.js';
import { SqliteRowWriter } from './sqlite-row-writer.js';

/** The projection writes over one dedicated better-sqlite3 connection, in synchronous transactions. */
export class SqliteProjectionBackend implements ProjectionBackend {
  readonly #db: Database.Database;
  readonly #writer: SqliteRowWriter;
  readonly #selects = new Map<string, Database.Statement<[readonly SqlValue[]]>>();
  readonly #renew: Database.Statement<[number, string, string]>;
  readonly #checkpoint: Database.Statement<[string], number>;
  readonly #setCheckpoint: Database.Statement<[string, number, string]>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#writer = new SqliteRowWriter(db);
    this.#renew = db.prepare('UPDATE projection_locks SET expires_at = ? WHERE name = ? AND owner = ?');
    this.#checkpoint = db
      .prepare<[string], number>('SELECT position FROM projection_checkpoints WHERE name = ?')
      .pluck();
    this.#setCheckpoint = db.prepare(
      'INSERT INTO projection_checkpoints (name, position, updated_at) VALUES (?, ?, ?) ' +
        'ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at',
    );
  }

  async load(projection: Projection, target: Target, keys: readonly (readonly SqlValue[])[]) {
    const name = tableName(projection.table, target);
    let statement = this.#selects.get(name);
    if (statement === undefined) {
      statement = this.#db.prepare<[readonly SqlValue[]]>(selectByKeySql(projection.table, name));
      this.#selects.set(name, statement);
    }
    const rows = new Map<string, Row>();
    for (const key of keys) {
      const row = statement.get(key) as Row | undefined;
      if (row !== undefined) rows.set(keyString(key), row);
    }
    return rows;
  }

  async commit(batch: BatchCommit): Promise<void> {
    this.#db
      .transaction(() => {
        this.#renewLease(batch.lease);
        for (const move of batch.checkpoints) {
          const actual = this.#checkpoint.get(move.name) ?? -1;
          if (actual !== move.expected) throw new CheckpointMovedError(move.name, move.expected, actual);
        }
        for (const { mode, projection, rows } of batch.writes) {
          this.#writer.write(mode, projection.table, tableName(projection.table, batch.target), rows);
        }
        const now = new Date().toISOString();
        for (const move of batch.checkpoints) this.#setCheckpoint.run(move.name, move.next, now);
      })
      .immediate();
  }

  async prepareRebuild(projections: readonly Projection[], tag: string): Promise<void> {
    await this.dropRebuild(projections);
    this.#db
      .transaction(() => {
        for (const { table } of projections) {
          this.#db.exec(createTableSql(table, tableName(table, 'rebuild'), tag, 'sqlite'));
        }
      })
      .immediate();
  }

  async indexRebuild(projections: readonly Projection[], tag: string): Promise<void> {
    for (const { table } of projections) {
      for (const statement of createIndexSql(table, tableName(table, 'rebuild'), tag))
        this.#db.exec(statement);
    }
  }

  async swapIn(projections: readonly Projection[], lease: Lease, position: number): Promise<void> {
    this.#db
      .transaction(() => {
        this.#renewLease(lease);
        const now = new Date().toISOString();
        for (const { name, table } of projections) {
          this.#db.exec(`DROP TABLE IF EXISTS ${quote(table.name)}`);
          this.#db.exec(`ALTER TABLE ${quote(tableName(table, 'rebuild'))} RENAME TO ${quote(table.name)}`);
          this.#setCheckpoint.run(name, position, now);
        }
      })
      .immediate();
    this.#forgetStatements();
  }

  async dropRebuild(projections: readonly Projection[]): Promise<void> {
    for (const { table } of projections)
      this.#db.exec(`DROP TABLE IF EXISTS ${quote(tableName(table, 'rebuild'))}`);
    this.#forgetStatements();
  }

  async close(): Promise<void> {
    this.#db.close();
  }

  #renewLease(lease: Lease): void {
    for (const lock of lease.locks) {
      if (this.#renew.run(lease.expiresAt, lock, lease.owner).changes !== 1)
        throw new ProjectionLockLostError(lock);
    }
  }

  #forgetStatements(): void {
    this.#selects.clear();
    this.#writer.clear();
  }
}
