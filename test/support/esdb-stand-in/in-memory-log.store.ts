/**
 * TEST CODE, NOT A PRODUCT: the in-memory log behind the EventStoreDB protocol stand-in.
 * It keeps EventStoreDB's observable semantics (per-stream revisions from 0, a global log whose
 * positions are byte-offset-like and increasing but not dense, expected-revision checks and
 * idempotency by event id) and nothing else: no persistence, no scavenging, no ACLs.
 */

export type LoggedEvent = Readonly<{
  id: string;
  streamName: string;
  revision: bigint;
  /** Commit and prepare position: equal for events written through gRPC appends. */
  position: bigint;
  /** 100 ns ticks since the Unix epoch, as the server reports `created`. */
  created: bigint;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}>;

export type ProposedEvent = Readonly<{
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}>;

export type Expectation =
  | Readonly<{ kind: 'any' }>
  | Readonly<{ kind: 'no_stream' }>
  | Readonly<{ kind: 'stream_exists' }>
  | Readonly<{ kind: 'revision'; revision: bigint }>;

/** `currentRevision` null: the stream does not exist; `position` null: nothing to point at. */
export type AppendOutcome =
  | Readonly<{ kind: 'success'; currentRevision: bigint | null; position: bigint | null }>
  | Readonly<{ kind: 'wrong_expected_version'; currentRevision: bigint | null; expected: Expectation }>;

// A real chunk starts with an epoch record, so the first event never sits at position 0.
const FIRST_EVENT_POSITION = 128n;
// Header bytes of a prepare record in the real log; only the shape of the numbers matters here.
const RECORD_OVERHEAD = 88;
const TICKS_PER_MILLISECOND = 10_000n;

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

export class InMemoryLog {
  private readonly all: LoggedEvent[] = [];
  private readonly streams = new Map<string, LoggedEvent[]>();
  private nextPosition = FIRST_EVENT_POSITION;
  private appended: { promise: Promise<void>; resolve: () => void } = InMemoryLog.signal();

  constructor(private readonly clock: () => number = Date.now) {}

  get events(): readonly LoggedEvent[] {
    return this.all;
  }

  stream(streamName: string): readonly LoggedEvent[] | undefined {
    return this.streams.get(streamName);
  }

  /** Resolves at the next successful append that wrote at least one event. */
  nextAppend(): Promise<void> {
    return this.appended.promise;
  }

  /** Index of the first event at or after `position` in the global log. */
  indexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.all.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.all[middle]?.position ?? 0n) < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  append(streamName: string, expectation: Expectation, proposed: readonly ProposedEvent[]): AppendOutcome {
    const existing = this.streams.get(streamName) ?? [];
    const current = existing.length === 0 ? null : BigInt(existing.length - 1);
    const idempotent = this.idempotentOutcome(existing, expectation, proposed);
    if (idempotent) return idempotent;
    if (!InMemoryLog.expectationHolds(expectation, current)) {
      return { kind: 'wrong_expected_version', currentRevision: current, expected: expectation };
    }
    if (proposed.length === 0) {
      return { kind: 'success', currentRevision: current, position: existing.at(-1)?.position ?? null };
    }
    const written = proposed.map((event) => this.write(streamName, event));
    this.wake();
    const last = written.at(-1);
    return { kind: 'success', currentRevision: last?.revision ?? current, position: last?.position ?? null };
  }

  private write(streamName: string, event: ProposedEvent): LoggedEvent {
    const stream = this.streams.get(streamName) ?? [];
    const logged: LoggedEvent = {
      ...event,
      streamName,
      revision: BigInt(stream.length),
      position: this.nextPosition,
      created: BigInt(this.clock()) * TICKS_PER_MILLISECOND,
    };
    const size =
      RECORD_OVERHEAD +
      byteLength(streamName) +
      byteLength(event.type) +
      event.data.byteLength +
      event.customMetadata.byteLength;
    this.nextPosition += BigInt(size);
    stream.push(logged);
    this.streams.set(streamName, stream);
    this.all.push(logged);
    return logged;
  }

  private wake(): void {
    const previous = this.appended;
    this.appended = InMemoryLog.signal();
    previous.resolve();
  }

  /**
   * The server dedupes by event id for every expectation except `any`: the same ids at the place
   * the expectation points to answer success without writing again.
   */
  private idempotentOutcome(
    existing: readonly LoggedEvent[],
    expectation: Expectation,
    proposed: readonly ProposedEvent[],
  ): AppendOutcome | undefined {
    const first = proposed[0];
    if (first === undefined || expectation.kind === 'any') return undefined;
    const start = InMemoryLog.idempotencyStart(existing, expectation, first.id);
    if (start === undefined) return undefined;
    const matches = proposed.every((event, offset) => existing[start + offset]?.id === event.id);
    if (!matches) return undefined;
    const last = existing[start + proposed.length - 1];
    return last && { kind: 'success', currentRevision: last.revision, position: last.position };
  }

  private static idempotencyStart(
    existing: readonly LoggedEvent[],
    expectation: Expectation,
    firstId: string,
  ): number | undefined {
    switch (expectation.kind) {
      case 'no_stream':
        return existing.length > 0 ? 0 : undefined;
      case 'revision': {
        const start = Number(expectation.revision) + 1;
        return start < existing.length ? start : undefined;
      }
      case 'stream_exists': {
        const start = existing.findIndex((event) => event.id === firstId);
        return start >= 0 ? start : undefined;
      }
      case 'any':
        return undefined;
    }
  }

  private static expectationHolds(expectation: Expectation, current: bigint | null): boolean {
    switch (expectation.kind) {
      case 'any':
        return true;
      case 'no_stream':
        return current === null;
      case 'stream_exists':
        return current !== null;
      case 'revision':
        return current === expectation.revision;
    }
  }

  private static signal(): { promise: Promise<void>; resolve: () => void } {
    let resolve: () => void = () => undefined;
    const promise = new Promise<void>((done) => {
      resolve = done;
    });
    return { promise, resolve };
  }
}
