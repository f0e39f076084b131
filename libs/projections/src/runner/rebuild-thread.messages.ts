import { ProjectionFailedError, ProjectionLockLostError } from '../projection.errors.js';
import { LogShareMismatchError } from '../sqlite/sqlite-log-share.js';

/** What a rebuild thread receives as `workerData`: bigints travel as decimal strings. */
export type RebuildThreadData = Readonly<{
  logFile: string;
  readModelsFile: string;
  projections: readonly string[];
  locks: readonly string[];
  owner: string;
  leaseMs: number;
  head: string;
  /** This thread's share of the log's accounts (see sqlite-log-share.ts). */
  share: Readonly<{ index: number; of: number }>;
  /** The rebuild's WriteTurn. */
  turn: SharedArrayBuffer;
  pageSize: number;
  flushRows: number;
  keepKeyedRows: number;
}>;

/** A failure as it crosses threads: a structured clone keeps neither an error's class nor its fields. */
export type ThreadFailure =
  | Readonly<{ kind: 'projection'; projection: string; position: string; eventType: string; error: string }>
  | Readonly<{ kind: 'lock-lost'; lock: string }>
  | Readonly<{ kind: 'share-mismatch'; position: number }>
  | Readonly<{ kind: 'other'; name: string; message: string; stack: string | null }>;

export type FromRebuildThread =
  | Readonly<{ type: 'progress'; events: number; position: string }>
  | Readonly<{ type: 'done'; events: number; position: string }>
  | Readonly<{ type: 'failed'; failure: ThreadFailure }>;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const toThreadFailure = (error: unknown): ThreadFailure => {
  if (error instanceof ProjectionFailedError) {
    return {
      kind: 'projection',
      projection: error.projection,
      position: error.position.toString(),
      eventType: error.eventType,
      error: messageOf(error.cause),
    };
  }
  if (error instanceof ProjectionLockLostError) return { kind: 'lock-lost', lock: error.lock };
  if (error instanceof LogShareMismatchError) return { kind: 'share-mismatch', position: error.position };
  return {
    kind: 'other',
    name: error instanceof Error ? error.name : 'Error',
    message: messageOf(error),
    stack: error instanceof Error ? (error.stack ?? null) : null,
  };
};

/** The error the thread threw, as the same class on this side, so callers handle it as they would here. */
export const fromThreadFailure = (failure: ThreadFailure): Error => {
  if (failure.kind === 'projection') {
    return new ProjectionFailedError(
      failure.projection,
      BigInt(failure.position),
      failure.eventType,
      new Error(failure.error),
    );
  }
  if (failure.kind === 'lock-lost') return new ProjectionLockLostError(failure.lock);
  if (failure.kind === 'share-mismatch') return new LogShareMismatchError(failure.position);
  const error = new Error(`rebuild thread: ${failure.message}`);
  error.name = failure.name;
  if (failure.stack !== null) error.stack = failure.stack;
  return error;
};
