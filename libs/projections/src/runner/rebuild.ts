import type { EventStore } from '@kam/event-store';
import { randomBytes } from 'node:crypto';
import { ProjectionFolder } from '../model/apply-batch.js';
import { resolveProjections } from '../model/projection-registry.js';
import type { Projection } from '../model/table-spec.js';
import { ProjectionFailedError } from '../projection.errors.js';
import type { ReadModels } from '../read-models.js';
import { pagesAfter, yieldToEventLoop } from './event-batches.js';
import { LeaseKeeper } from './lease-keeper.js';
import { loadMissing, readEvents, unreadableError, type BatchContext } from './process-batch.js';
import {
  acquireLocks,
  DEFAULT_LEASE_MS,
  newLockOwner,
  rebuildLockName,
  releaseLocks,
} from './projection-lock.js';

export type RebuildProgress = Readonly<{
  /** Events read so far. */
  events: number;
  /** Estimated events in the log: exact when positions have no gaps (the SQLite store's do not). */
  total: number;
  position: bigint;
  head: bigint;
  eventsPerSecond: number;
  /** Null until there is a rate to go by. */
  etaSeconds: number | null;
}>;

export type RebuildOptions = Readonly<{
  readModels: ReadModels;
  store: EventStore;
  projections?: readonly string[] | 'all';
  onProgress?: (progress: RebuildProgress) => void;
  /** Events read per page. */
  batchSize?: number;
  /** Rows held in memory before they are written out (FLUSH_ROWS); smaller only to test the flushes. */
  flushRows?: number;
  /** Keyed rows held across flushes (KEEP_KEYED_ROWS); smaller only to test the reads back. */
  keepKeyedRows?: number;
  leaseMs?: number;
  signal?: AbortSignal;
}>;

export type RebuildResult = Readonly<{
  projections: readonly string[];
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** The position the rebuilt models reached: their new checkpoint. */
  position: bigint;
}>;

/**
 * Small pages: a page's parsed events then die young, in the cheap part of the garbage collector; a
 * page of 16k events lives long enough to be promoted and costs a third more CPU over a large log.
 * Rows are still written in large transactions (see FLUSH_ROWS).
 */
const PAGE_SIZE = 512;

/** Rows held in memory before they are written out: bounds memory however long the log or large the portfolio. */
const FLUSH_ROWS = 100_000;

/**
 * Keyed rows (one per account) kept across flushes up to this many: they need no read back, and are
 * written once, at the end.
 */
const KEEP_KEYED_ROWS = 50_000;

const progressOf = (events: number, position: bigint, head: bigint, startedAt: number): RebuildProgress => {
  const seconds = (performance.now() - startedAt) / 1000;
  const eventsPerSecond = seconds > 0 ? events / seconds : 0;
  const fraction = head > 0n ? Math.min(1, Number(position) / Number(head)) : 1;
  const total = fraction > 0 ? Math.max(events, Math.round(events / fraction)) : events;
  const etaSeconds = eventsPerSecond > 0 ? (total - events) / eventsPerSecond : null;
  return { events, total, position, head, eventsPerSecond, etaSeconds };
};

/**
 * Folds the whole log into the rebuild tables with one folder kept across pages: a row that many events
 * change is written once per flush (a keyed row that stays held, once at the end), and a row the folder
 * holds, or never held, needs no read.
 */
async function replay(
  options: RebuildOptions,
  projections: readonly Projection[],
  context: BatchContext,
  onPage: (events: number, position: bigint) => void,
): Promise<Readonly<{ events: number; position: bigint }>> {
  const cursors = projections.map((projection) => ({ projection, checkpoint: -1 }));
  const folder = new ProjectionFolder(cursors);
  const flush = (holdKeyedUpTo?: number) =>
    context.backend.commit({
      target: 'rebuild',
      writes: folder.takeWrites(holdKeyedUpTo),
      lease: context.lease(),
      checkpoints: [],
    });
  const flushRows = options.flushRows ?? FLUSH_ROWS;
  const keepKeyedRows = options.keepKeyedRows ?? KEEP_KEYED_ROWS;
  let position = -1n;
  let events = 0;
  options.signal?.throwIfAborted();
  for await (const page of pagesAfter(options.store, position, options.batchSize ?? PAGE_SIZE)) {
    const last = page.at(-1);
    if (last === undefined) continue;
    const { events: projected, unreadable } = readEvents(page);
    await loadMissing(folder, context, projected, true);
    const failure = folder.fold(projected);
    if (failure !== null) {
      const { projection, event, error } = failure;
      throw new ProjectionFailedError(projection, BigInt(event.position), event.type, error);
    }
    if (unreadable !== null) throw unreadableError(cursors, unreadable);
    if (folder.size > flushRows) {
      await flush(keepKeyedRows);
      // Keeps a small projection's rows (one per account) hot; drops a large one's (one per invoice).
      folder.forget(keepKeyedRows);
    }
    position = last.position;
    events += page.length;
    onPage(events, position);
    await yieldToEventLoop();
    options.signal?.throwIfAborted();
  }
  await flush();
  return { events, position };
}

/**
 * Replays the whole log into fresh `<table>__rebuild` tables, then swaps them in and sets the
 * checkpoints in one transaction: readers see the old models, then the new, never a half-built one.
 * A live runner may keep going meanwhile; its next commit finds the moved checkpoint and resumes
 * from there. A second rebuild of the same projection is refused (ProjectionLockedError). On any
 * failure the live tables are untouched and the half-built ones are dropped.
 */
export async function rebuildProjections(options: RebuildOptions): Promise<RebuildResult> {
  const projections = resolveProjections(options.projections);
  const { db, backend } = options.readModels;
  const locks = projections.map((projection) => rebuildLockName(projection.name));
  const owner = newLockOwner('rebuild');
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  await acquireLocks(db, locks, owner, leaseMs);
  const keeper = new LeaseKeeper(db, locks, owner, leaseMs);
  const context: BatchContext = { backend, target: 'rebuild', lease: () => keeper.lease() };
  const startedAt = performance.now();
  let swapped = false;
  try {
    const tag = randomBytes(4).toString('hex');
    await backend.prepareRebuild(projections, tag);
    const head = await options.store.headPosition();
    const { events, position } = await replay(options, projections, context, (done, at) =>
      options.onProgress?.(progressOf(done, at, head > at ? head : at, startedAt)),
    );
    await backend.indexRebuild(projections, tag);
    await backend.swapIn(projections, keeper.lease(), Number(position));
    swapped = true;
    const seconds = (performance.now() - startedAt) / 1000;
    const names = projections.map((projection) => projection.name);
    return {
      projections: names,
      events,
      seconds,
      eventsPerSecond: seconds > 0 ? events / seconds : 0,
      position,
    };
  } finally {
    keeper.stop();
    if (!swapped) await backend.dropRebuild(projections).catch(() => undefined);
    await releaseLocks(db, locks, owner);
  }
}
