import type { TableWrite } from '../model/apply-batch.js';
import type { Projection, Row, SqlValue } from '../model/table-spec.js';

/** Which copy of a projection's table: the one queries read, or the one a rebuild is filling. */
export type Target = 'live' | 'rebuild';

/** The leases the writer must still hold; each commit renews them, so a lapsed writer cannot commit. */
export type Lease = Readonly<{ locks: readonly string[]; owner: string; expiresAt: number }>;

/** Moves a checkpoint only if it is still where this runner left it (a rebuild may have moved it). */
export type CheckpointMove = Readonly<{ name: string; expected: number; next: number }>;

export type BatchCommit = Readonly<{
  target: Target;
  writes: readonly TableWrite[];
  lease: Lease;
  checkpoints: readonly CheckpointMove[];
}>;

/**
 * The dialect-specific part of the projections: the hot write path and the table swap. SQLite does it
 * with prepared statements in one synchronous transaction; a PostgreSQL backend would do the same
 * with multi-row statements through its pool. Everything else (schema, locks, queries) is Kysely.
 */
export interface ProjectionBackend {
  /** Stored rows by `keyString` of their key; keys without a row are absent. */
  load(
    projection: Projection,
    target: Target,
    keys: readonly (readonly SqlValue[])[],
  ): Promise<ReadonlyMap<string, Row>>;
  /** Writes, lease renewal and checkpoint moves in one transaction, or none of them. */
  commit(batch: BatchCommit): Promise<void>;
  /** Drops leftovers of an interrupted rebuild and creates empty rebuild tables (no secondary indexes yet). */
  prepareRebuild(projections: readonly Projection[], tag: string): Promise<void>;
  /** Builds the secondary indexes once the rows are in: faster than keeping them up to date row by row. */
  indexRebuild(projections: readonly Projection[], tag: string): Promise<void>;
  /** Replaces the live tables by the rebuilt ones and sets their checkpoints, in one transaction. */
  swapIn(projections: readonly Projection[], lease: Lease, position: number): Promise<void>;
  dropRebuild(projections: readonly Projection[]): Promise<void>;
  close(): Promise<void>;
}

/** The checkpoint moved under this runner (a rebuild swapped its table in): re-read it and go on from there. */
export class CheckpointMovedError extends Error {
  override readonly name = 'CheckpointMovedError';
  constructor(
    readonly projection: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`Checkpoint of ${projection} is at ${actual}, not ${expected}: it was moved by a rebuild.`);
  }
}
