import type { ExpectedRevision } from './event-store.port.js';

/** The stream was not where the writer expected it. `actual` is -1n for a stream that does not exist. */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint,
  ) {
    super(
      `Stream ${streamId}: expected revision ${String(expected)}, but it is at ${actual === -1n ? 'no stream' : actual.toString()}`,
    );
  }
}

/** The event store cannot be reached; the message says which and what to check. */
export class EventStoreUnavailableError extends Error {
  override readonly name = 'EventStoreUnavailableError';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** The file or database is not a kam-ledger event store (or is damaged); it is never overwritten. */
export class EventStoreCorruptError extends Error {
  override readonly name = 'EventStoreCorruptError';
}
