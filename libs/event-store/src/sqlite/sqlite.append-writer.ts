import type Database from 'better-sqlite3';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../event-store.errors.js';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port.js';
import { withoutBusyWait } from './sqlite.connection.js';

type PendingAppend = Readonly<{
  streamId: string;
  events: readonly EventToAppend[];
  rows: readonly Row[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}>;

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/** An encoded event: JSON is built when the append is queued, so a bad payload fails its append alone. */
type Row = readonly [id: string, type: string, data: string, metadata: string];

/**
 * Group commit. better-sqlite3 is synchronous and a commit costs an fsync, so appends that arrive in
 * the same turn of the event loop are written in ONE transaction. Each append is checked against its
 * own expected revision inside a SAVEPOINT, so a failing append is rolled back alone (no revision
 * consumed, nothing left behind) while the others commit. Promises settle only after COMMIT returns.
 */
export class SqliteAppendWriter {
  readonly #db: Database.Database;
  readonly #clock: () => Date;
  readonly #onCommit: () => void;
  readonly #sql: ReturnType<typeof prepareStatements>;
  readonly #lockWaitMs: number;
  #queue: PendingAppend[] = [];
  #flushScheduled = false;
  /** When the file was first found locked by another writer, while it stays locked. */
  #lockedSince: number | null = null;

  constructor(db: Database.Database, clock: () => Date, onCommit: () => void, lockWaitMs = 15_000) {
    this.#db = db;
    this.#clock = clock;
    this.#onCommit = onCommit;
    this.#lockWaitMs = lockWaitMs;
    // better-sqlite3 waits for a lock synchronously, freezing the event loop. Another connection in
    // this same process (a read model's Kysely transaction between two awaits) could then never
    // finish and release the lock. So a transaction begins without waiting and the writer waits
    // asynchronously (see #retryLater), up to the same overall limit; the driver's own brief wait
    // is left for the connection's other statements.
    db.pragma(`busy_timeout = ${SYNC_LOCK_WAIT_MS}`);
    this.#sql = prepareStatements(db);
  }

  append(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    // Encoded here, not in the transaction: the write lock (which another process or a batch thread
    // may be waiting for) is then held for SQL alone.
    let rows: Row[];
    try {
      rows = encode(events);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ streamId, events, rows, expected, resolve, reject });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        // setImmediate runs after the pending microtasks, so every appender woken by the previous
        // commit has queued its next append by then and they share this transaction.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Writes everything accepted so far, waiting out another writer's lock: `close` calls it. */
  async drain(): Promise<void> {
    this.flush();
    while (this.#queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** Writes whatever is queued now, unless another writer holds the file (then it retries soon). */
  flush(): void {
    this.#flushScheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      this.#beginWithoutWaiting();
    } catch (error) {
      if (isLocked(error) && this.#retryLater(batch)) return;
      for (const pending of batch) pending.reject(translateTransactionError(error));
      return;
    }
    this.#lockedSince = null;
    try {
      outcomes = this.#writeBatch(batch);
    } catch (error) {
      const failure = translateTransactionError(error);
      for (const pending of batch) pending.reject(failure);
      return;
    }
    outcomes.forEach((outcome, index) => settle(batch[index], outcome));
    if (outcomes.some((outcome) => outcome.ok)) this.#onCommit();
  }

  /**
   * Takes the write lock, or fails at once when another writer holds it (see `withoutBusyWait`).
   * In `kam serve` the read models' thread commits a few milliseconds' worth of rows to the same
   * file every ten: the driver's busy handler answered each collision with a stall of the whole
   * event loop (~500 in one `kam bench api`). Failing at once lets the loop serve requests, whose
   * appends join the batch, until `#retryLater` tries again.
   */
  #beginWithoutWaiting(): void {
    withoutBusyWait(this.#db, () => this.#sql.begin.run());
  }

  /** Puts the batch back in front of the queue and tries again soon, unless it has waited long enough. */
  #retryLater(batch: PendingAppend[]): boolean {
    const now = Date.now();
    this.#lockedSince ??= now;
    if (now - this.#lockedSince >= this.#lockWaitMs) {
      this.#lockedSince = null;
      return false;
    }
    this.#queue = [...batch, ...this.#queue];
    this.#flushScheduled = true;
    // The other writer's transaction is usually a read-model batch of a millisecond or two.
    setTimeout(() => this.flush(), Math.min(100, 1 + (now - this.#lockedSince) / 10));
    return true;
  }

  /** Runs inside the transaction `flush` has begun. */
  #writeBatch(batch: readonly PendingAppend[]): Outcome[] {
    try {
      const recordedAt = this.#clock().toISOString();
      const outcomes = batch.map((pending) => this.#writeIsolated(pending, recordedAt));
      this.#sql.commit.run();
      return outcomes;
    } catch (error) {
      if (this.#db.inTransaction) this.#sql.rollback.run();
      throw error;
    }
  }

  #writeIsolated(pending: PendingAppend, recordedAt: string): Outcome {
    // The checks only read, and one INSERT is atomic on its own: a single-event append that fails
    // has written nothing, so it can skip the savepoint's two extra statements.
    const needsSavepoint = pending.events.length > 1;
    if (needsSavepoint) this.#sql.savepoint.run();
    try {
      const result = this.#write(pending, pending.rows, recordedAt);
      if (needsSavepoint) this.#sql.release.run();
      return { ok: true, result };
    } catch (error) {
      // An I/O failure ends the whole transaction: there is no savepoint left to return to.
      if (!this.#db.inTransaction) throw error;
      if (needsSavepoint) {
        this.#sql.rollbackToSavepoint.run();
        this.#sql.release.run();
      }
      return this.#afterFailure(pending, error);
    }
  }

  #write(pending: PendingAppend, rows: readonly Row[], recordedAt: string): AppendResult {
    const { streamId, expected } = pending;
    const current = this.#currentRevision(streamId);
    if (!expectationHolds(expected, current))
      throw new WrongExpectedVersionError(streamId, expected, current);
    if (rows.length === 0) return { nextExpectedRevision: current, position: this.#lastPosition(streamId) };
    let revision = current;
    let position = -1n;
    for (const [id, type, data, metadata] of rows) {
      revision += 1n;
      const info = this.#sql.insert.run(id, streamId, revision, type, data, metadata, recordedAt);
      position = BigInt(info.lastInsertRowid);
    }
    return { nextExpectedRevision: revision, position };
  }

  /** EventStoreDB semantics: ids already written where this expectation would have put them = success. */
  #afterFailure(pending: PendingAppend, error: unknown): Outcome {
    const duplicateId = isUniqueViolation(error, 'events.id');
    if (!(error instanceof WrongExpectedVersionError) && !duplicateId) return { ok: false, error };
    const replay = this.#findEarlierWrite(pending);
    if (replay !== null) return { ok: true, result: replay };
    if (!duplicateId) return { ok: false, error };
    return { ok: false, error: this.#duplicateIdError(pending) };
  }

  #findEarlierWrite({ streamId, events, expected }: PendingAppend): AppendResult | null {
    const first = events[0];
    if (first === undefined) return null;
    const found = this.#sql.locateId.get(streamId, first.id);
    if (found === undefined) return null;
    const start = BigInt(found.revision);
    const startsWhereExpected =
      typeof expected === 'bigint' ? start === expected + 1n : expected === 'no_stream' ? start === 0n : true;
    if (!startsWhereExpected) return null;
    const written = this.#sql.idsFrom.all(streamId, start, events.length);
    const same = written.length === events.length && written.every((row, i) => row.id === events[i]?.id);
    const last = written.at(-1);
    if (!same || last === undefined) return null;
    return { nextExpectedRevision: BigInt(last.revision), position: BigInt(last.position) };
  }

  #duplicateIdError({ streamId, events }: PendingAppend): Error {
    const taken = events.map((event) => ({ id: event.id, at: this.#sql.locateId.get(streamId, event.id) }));
    const clash = taken.find((entry) => entry.at !== undefined);
    const where = clash?.at ? `revision ${clash.at.revision}` : 'another event of this append';
    return new Error(
      `Cannot append to ${streamId}: event id ${clash?.id ?? '(repeated)'} is already used by ${where} ` +
        'and the append is not a retry of the one that wrote it.',
    );
  }

  #currentRevision(streamId: string): bigint {
    const revision = this.#sql.currentRevision.get(streamId);
    return revision === undefined ? -1n : BigInt(revision);
  }

  /** An empty append writes nothing and reports where the stream already ends. */
  #lastPosition(streamId: string): bigint {
    const position = this.#sql.lastPosition.get(streamId);
    return position === undefined ? -1n : BigInt(position);
  }
}

function prepareStatements(db: Database.Database) {
  return {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    savepoint: db.prepare('SAVEPOINT kam_append'),
    release: db.prepare('RELEASE kam_append'),
    rollbackToSavepoint: db.prepare('ROLLBACK TO kam_append'),
    insert: db.prepare<[string, string, bigint, string, string, string, string]>(
      'INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    currentRevision: db
      .prepare<[string], number>(
        'SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      )
      .pluck(),
    lastPosition: db
      .prepare<[string], number>(
        'SELECT position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      )
      .pluck(),
    locateId: db.prepare<[string, string], { revision: number }>(
      'SELECT revision FROM events WHERE stream_id = ? AND id = ?',
    ),
    idsFrom: db.prepare<[string, bigint, number], { id: string; revision: number; position: number }>(
      'SELECT id, revision, position FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    ),
  };
}

function encode(events: readonly EventToAppend[]): Row[] {
  return events.map((event) => [
    event.id,
    event.type,
    JSON.stringify(event.data),
    JSON.stringify(event.metadata),
  ]);
}

function expectationHolds(expected: ExpectedRevision, current: bigint): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === -1n;
    case 'stream_exists':
      return current >= 0n;
    default:
      return current === expected;
  }
}

function settle(pending: PendingAppend | undefined, outcome: Outcome): void {
  if (pending === undefined) return;
  if (outcome.ok) pending.resolve(outcome.result);
  else pending.reject(outcome.error);
}

function isUniqueViolation(error: unknown, column: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes(column);
}

/** How long the driver itself blocks on a lock for the connection's statements other than BEGIN. */
const SYNC_LOCK_WAIT_MS = 20;

function isLocked(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

function translateTransactionError(error: unknown): unknown {
  if (!isLocked(error)) return error;
  return new EventStoreUnavailableError(
    'The event store file stayed locked by another writer beyond the busy timeout; nothing was appended. ' +
      'Retry, or check for a stuck process holding the file.',
    error,
  );
}
