import type pg from 'pg';
import { WrongExpectedVersionError } from '../event-store.errors.js';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port.js';

type PendingAppend = Readonly<{
  streamId: string;
  events: readonly EventToAppend[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}>;

type OutcomeRow = Readonly<{ o_kind: 'ok' | 'wrong' | 'duplicate'; o_revision: string; o_position: string }>;

export type AppendWriterDeps = Readonly<{
  pool: pg.Pool;
  schema: string;
  clock: () => Date;
  /** After a commit that wrote something: wakes this process's subscriptions without a round trip. */
  onCommit: () => void;
  translate: (error: unknown) => unknown;
}>;

/** Appends per call of append_batch: enough to share a commit, small enough to keep a call short. */
const MAX_APPENDS_PER_BATCH = 512;
const MAX_EVENTS_PER_BATCH = 8_192;

/**
 * Group commit, as in the SQLite writer: appends that arrive while a batch is on its way to the
 * server go together in the next one, one transaction, one turn on the position lock and one WAL
 * flush. One batch at a time is in flight; the lock would serialise a second one anyway.
 */
export class PostgresAppendWriter {
  readonly #deps: AppendWriterDeps;
  readonly #sql: string;
  #queue: PendingAppend[] = [];
  #inFlight: Promise<void> | null = null;

  constructor(deps: AppendWriterDeps) {
    this.#deps = deps;
    this.#sql = `SELECT o_kind, o_revision, o_position FROM "${deps.schema}".append_batch($1, $2, $3, $4, $5, $6, $7, $8)`;
  }

  append(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const repeated = repeatedId(events);
    if (repeated !== null)
      return Promise.reject(
        new Error(`Cannot append to ${streamId}: event id ${repeated} appears twice in the same append.`),
      );
    return new Promise((resolve, reject) => {
      this.#queue.push({ streamId, events, expected, resolve, reject });
      // setImmediate: every appender woken by the previous commit queues first, so they share a batch.
      if (this.#inFlight === null)
        this.#inFlight = new Promise((done) => setImmediate(() => done(this.#drainQueue())));
    });
  }

  /** Resolves when everything accepted so far has been written: `close` waits for it. */
  async drain(): Promise<void> {
    while (this.#inFlight !== null) await this.#inFlight;
  }

  async #drainQueue(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = takeBatch(this.#queue);
        await this.#write(batch);
      }
    } finally {
      this.#inFlight = null;
    }
  }

  async #write(batch: readonly PendingAppend[]): Promise<void> {
    let rows: OutcomeRow[];
    try {
      rows = await this.#call(batch);
    } catch (error) {
      // A bad payload fails its batch; alone, each append then fails or succeeds on its own merits.
      if (batch.length > 1 && !isLost(this.#deps.translate(error))) {
        for (const pending of batch) await this.#write([pending]);
        return;
      }
      const failure = this.#deps.translate(error);
      for (const pending of batch) pending.reject(failure);
      return;
    }
    if (rows.some((row) => row.o_kind === 'ok')) this.#deps.onCommit();
    await Promise.all(batch.map((pending, index) => this.#settle(pending, rows[index])));
  }

  #call(batch: readonly PendingAppend[]): Promise<OutcomeRow[]> {
    const streams: string[] = [];
    const expected: string[] = [];
    const counts: number[] = [];
    const ids: string[] = [];
    const types: string[] = [];
    const data: string[] = [];
    const metadata: string[] = [];
    for (const pending of batch) {
      streams.push(pending.streamId);
      expected.push(typeof pending.expected === 'bigint' ? pending.expected.toString() : pending.expected);
      counts.push(pending.events.length);
      for (const event of pending.events) {
        ids.push(event.id);
        types.push(event.type);
        data.push(JSON.stringify(event.data));
        metadata.push(JSON.stringify(event.metadata));
      }
    }
    const recordedAt = this.#deps.clock().toISOString();
    return this.#deps.pool
      .query<OutcomeRow>(this.#sql, [streams, expected, counts, ids, types, data, metadata, recordedAt])
      .then((result) => result.rows);
  }

  async #settle(pending: PendingAppend, row: OutcomeRow | undefined): Promise<void> {
    if (row === undefined) {
      pending.reject(new Error(`append_batch returned no outcome for an append to ${pending.streamId}`));
      return;
    }
    const current = BigInt(row.o_revision);
    if (row.o_kind === 'ok') {
      pending.resolve({ nextExpectedRevision: current, position: BigInt(row.o_position) });
      return;
    }
    try {
      // EventStoreDB semantics: ids already written where this expectation would have put them = success.
      const replay = await this.#findEarlierWrite(pending);
      if (replay !== null) pending.resolve(replay);
      else if (row.o_kind === 'wrong')
        pending.reject(new WrongExpectedVersionError(pending.streamId, pending.expected, current));
      else pending.reject(await this.#duplicateIdError(pending));
    } catch (error) {
      pending.reject(this.#deps.translate(error));
    }
  }

  /** Events never change once written, so this check needs no lock. */
  async #findEarlierWrite({ streamId, events, expected }: PendingAppend): Promise<AppendResult | null> {
    const first = events[0];
    if (first === undefined) return null;
    const { rows } = await this.#deps.pool.query<{ id: string; revision: string; position: string }>(
      `SELECT id, revision, position FROM "${this.#deps.schema}".events
       WHERE stream_id = $1 AND revision >= (SELECT revision FROM "${this.#deps.schema}".events WHERE stream_id = $1 AND id = $2)
       ORDER BY revision LIMIT $3`,
      [streamId, first.id, events.length],
    );
    const start = rows[0] === undefined ? null : BigInt(rows[0].revision);
    if (start === null) return null;
    const startsWhereExpected =
      typeof expected === 'bigint' ? start === expected + 1n : expected === 'no_stream' ? start === 0n : true;
    const same = rows.length === events.length && rows.every((row, i) => row.id === events[i]?.id);
    const last = rows.at(-1);
    if (!startsWhereExpected || !same || last === undefined) return null;
    return { nextExpectedRevision: BigInt(last.revision), position: BigInt(last.position) };
  }

  async #duplicateIdError({ streamId, events }: PendingAppend): Promise<Error> {
    const { rows } = await this.#deps.pool.query<{ id: string; revision: string }>(
      `SELECT id, revision FROM "${this.#deps.schema}".events WHERE stream_id = $1 AND id = ANY($2::text[]) ORDER BY revision LIMIT 1`,
      [streamId, events.map((event) => event.id)],
    );
    const clash = rows[0];
    return new Error(
      `Cannot append to ${streamId}: event id ${clash?.id ?? '(unknown)'} is already used by revision ` +
        `${clash?.revision ?? '?'} and the append is not a retry of the one that wrote it.`,
    );
  }
}

function takeBatch(queue: PendingAppend[]): PendingAppend[] {
  let events = 0;
  let count = 0;
  while (count < queue.length && count < MAX_APPENDS_PER_BATCH) {
    events += queue[count]?.events.length ?? 0;
    if (count > 0 && events > MAX_EVENTS_PER_BATCH) break;
    count += 1;
  }
  return queue.splice(0, count);
}

function repeatedId(events: readonly EventToAppend[]): string | null {
  const seen = new Set<string>();
  for (const event of events) {
    if (seen.has(event.id)) return event.id;
    seen.add(event.id);
  }
  return null;
}

function isLost(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'EventStoreUnavailableError';
}
