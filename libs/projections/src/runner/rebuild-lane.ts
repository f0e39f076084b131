import { ACCOUNT_EVENT_TYPES, type AccountEventType } from '@kam/domain';
import { readAllPages, type EventFilter, type EventStore, type RecordedEvent } from '@kam/event-store';
import { ProjectionFolder } from '../model/apply-batch.js';
import type { Projection } from '../model/table-spec.js';
import { ProjectionFailedError } from '../projection.errors.js';
import { yieldToEventLoop } from './event-batches.js';
import { loadMissing, readEvents, unreadableError, type BatchContext } from './process-batch.js';

/** What one lane of a rebuild folds: some projections, over the log up to the head it was given. */
export type LaneOptions = Readonly<{
  store: EventStore;
  projections: readonly Projection[];
  context: BatchContext;
  /** The log's head when the rebuild began: every lane stops there, so all tables end at one position. */
  head: bigint;
  pageSize: number;
  /** Rows held in memory before they are written out. */
  flushRows: number;
  /** Keyed rows held across flushes. */
  keepKeyedRows: number;
  signal?: AbortSignal;
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

/**
 * Folds the log into the lane's rebuild tables with one folder kept across pages: a row that many
 * events change is written once per flush (a keyed row that stays held, once at the end), and a row
 * the folder holds, or never held, needs no read.
 */
export async function replayLane(options: LaneOptions): Promise<LaneResult> {
  const { context, head, signal } = options;
  const cursors = options.projections.map((projection) => ({ projection, checkpoint: -1 }));
  const folder = new ProjectionFolder(cursors);
  const flush = (holdKeyedUpTo?: number) =>
    context.backend.commit({
      target: 'rebuild',
      writes: folder.takeWrites(holdKeyedUpTo),
      lease: context.lease(),
      checkpoints: [],
    });
  let events = 0;
  signal?.throwIfAborted();
  if (head < 0n) return { events, position: head };
  const pages = readAllPages(options.store, {
    pageSize: options.pageSize,
    filter: laneFilter(options.projections),
  });
  for await (const page of pages) {
    const within = upTo(page, head);
    const { events: projected, unreadable } = readEvents(within);
    await loadMissing(folder, context, projected, true);
    const failure = folder.fold(projected);
    if (failure !== null) {
      const { projection, event, error } = failure;
      throw new ProjectionFailedError(projection, BigInt(event.position), event.type, error);
    }
    if (unreadable !== null) throw unreadableError(cursors, unreadable);
    if (folder.size > options.flushRows) {
      await flush(options.keepKeyedRows);
      // Keeps a small projection's rows (one per account) hot; drops a large one's (one per invoice).
      folder.forget(options.keepKeyedRows);
    }
    events += within.length;
    options.onPage?.(events, within.at(-1)?.position ?? head);
    if (within.length < page.length || (page.at(-1)?.position ?? head) >= head) break;
    await yieldToEventLoop();
    signal?.throwIfAborted();
  }
  await flush();
  return { events, position: head };
}
