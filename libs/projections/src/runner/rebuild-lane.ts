import { ACCOUNT_EVENT_TYPES, type AccountEventType } from '@kam/domain';
import { readAllPages, type EventFilter, type EventStore, type RecordedEvent } from '@kam/event-store';
import { ProjectionFolder } from '../model/apply-batch.js';
import type { Projection } from '../model/table-spec.js';
import { ProjectionFailedError } from '../projection.errors.js';
import { yieldToEventLoop } from './event-batches.js';
import type { WriteTurn } from './write-turn.js';
import type { ProjectedEvent } from '../model/projected-event.js';
import {
  loadMissing,
  readEvents,
  unreadableError,
  type BatchContext,
  type Unreadable,
} from './process-batch.js';

/** A page of the log as a lane folds it. */
export type LogPage = Readonly<{
  /** The account events, up to the first one that cannot be read. */
  events: readonly ProjectedEvent[];
  unreadable: Unreadable | null;
  /** Events the page read, of any kind. */
  read: number;
  /** Where the page ends. */
  position: bigint;
}>;

/** What one lane of a rebuild folds: some projections, over its pages of the log up to the head. */
export type LaneOptions = Readonly<{
  pages: AsyncIterable<LogPage>;
  projections: readonly Projection[];
  context: BatchContext;
  /** The log's head when the rebuild began: every lane stops there, so all tables end at one position. */
  head: bigint;
  /** Rows held in memory before they are written out. */
  flushRows: number;
  /** Keyed rows held across flushes. */
  keepKeyedRows: number;
  signal?: AbortSignal;
  /** Shared with the other lanes writing the same tables: one writes at a time. */
  turn?: WriteTurn;
  /** After each page: the events this lane has read so far and the position it reached. */
  onPage?: (events: number, position: bigint) => void;
}>;

export type LaneResult = Readonly<{ events: number; position: bigint }>;

/**
 * The event types the lane's projections take, as a read filter; none when they take every account
 * event, so that lane reads the whole log as it stands (the figure a rebuild reports).
 */
export const laneFilter = (projections: readonly Projection[]): EventFilter | undefined => {
  const types = new Set<AccountEventType>(projections.flatMap((projection) => projection.handles));
  return types.size === ACCOUNT_EVENT_TYPES.length ? undefined : { eventTypes: [...types] };
};

/** The page's events up to `head`: appends made since the rebuild began are left to the runner. */
const upTo = (page: readonly RecordedEvent[], head: bigint): readonly RecordedEvent[] =>
  (page.at(-1)?.position ?? -1n) <= head ? page : page.filter((event) => event.position <= head);

/** The log up to `head` through the store's port, only the event types the projections take. */
export async function* storePages(
  store: EventStore,
  projections: readonly Projection[],
  head: bigint,
  pageSize: number,
): AsyncGenerator<LogPage> {
  if (head < 0n) return;
  for await (const page of readAllPages(store, { pageSize, filter: laneFilter(projections) })) {
    const within = upTo(page, head);
    const last = within.at(-1);
    if (last === undefined) return;
    yield { ...readEvents(within), read: within.length, position: last.position };
    if (within.length < page.length || last.position >= head) return;
  }
}

/**
 * Folds the log into the lane's rebuild tables with one folder kept across pages: a row that many
 * events change is written once per flush (a keyed row that stays held, once at the end), and a row
 * the folder holds, or never held, needs no read.
 */
export async function replayLane(options: LaneOptions): Promise<LaneResult> {
  const { context, head, signal } = options;
  const cursors = options.projections.map((projection) => ({ projection, checkpoint: -1 }));
  const folder = new ProjectionFolder(cursors);
  const { turn, flushRows } = options;
  const flush = async (holdKeyedUpTo?: number) => {
    try {
      await context.backend.commit({
        target: 'rebuild',
        writes: folder.takeWrites(holdKeyedUpTo),
        lease: context.lease(),
        checkpoints: [],
      });
    } finally {
      turn?.release();
    }
  };
  // Another lane writing: fold on, up to twice the rows, rather than wait for it.
  const mayFlush = async (): Promise<boolean> => {
    if (folder.size <= flushRows) return false;
    if (turn === undefined || turn.tryTake()) return true;
    if (folder.size <= 2 * flushRows) return false;
    await turn.take(signal);
    return true;
  };
  let events = 0;
  signal?.throwIfAborted();
  for await (const page of options.pages) {
    const { events: projected, unreadable } = page;
    await loadMissing(folder, context, projected, true);
    const failure = folder.fold(projected);
    if (failure !== null) {
      const { projection, event, error } = failure;
      throw new ProjectionFailedError(projection, BigInt(event.position), event.type, error);
    }
    if (unreadable !== null) throw unreadableError(cursors, unreadable);
    if (await mayFlush()) {
      await flush(options.keepKeyedRows);
      // Keeps a small projection's rows (one per account) hot; drops a large one's (one per invoice).
      folder.forget(options.keepKeyedRows);
    }
    events += page.read;
    options.onPage?.(events, page.position);
    await yieldToEventLoop();
    signal?.throwIfAborted();
  }
  await turn?.take(signal);
  await flush();
  return { events, position: head };
}
