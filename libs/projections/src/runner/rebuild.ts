import { SqliteEventStore, type EventStore } from '@kam/event-store';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { resolveProjections } from '../model/projection-registry.js';
import type { Projection } from '../model/table-spec.js';
import type { ReadModels } from '../read-models.js';
import { LeaseKeeper } from './lease-keeper.js';
import type { BatchContext } from './process-batch.js';
import {
  acquireLocks,
  DEFAULT_LEASE_MS,
  newLockOwner,
  rebuildLockName,
  releaseLocks,
} from './projection-lock.js';
import { replayLane, type LaneResult } from './rebuild-lane.js';
import { startRebuildThread, type RebuildThread } from './rebuild-threads.js';

export type RebuildProgress = Readonly<{
  /** Events read so far, by the thread that reads the most (each reads the event types its projections take). */
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
  /**
   * Worker threads that rebuild part of the projections beside this one; by default one when the
   * machine has a second core. Only where the log and the read models are SQLite files (each thread
   * opens them for itself); 0 keeps everything in this thread.
   */
  threads?: number;
}>;

export type RebuildResult = Readonly<{
  projections: readonly string[];
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** The log's head when the rebuild began: the rebuilt models' new checkpoint. */
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

/** The two files a thread opens, when the log and the read models are both SQLite files. */
const sqliteFiles = (options: RebuildOptions): Readonly<{ log: string; readModels: string }> | null =>
  options.store instanceof SqliteEventStore && options.readModels.sqliteFile !== undefined
    ? { log: options.store.file, readModels: options.readModels.sqliteFile }
    : null;

/**
 * The projections each thread rebuilds, this one's first. Each thread reads the log for itself (the
 * event types its projections take), so a second one pays a second read; what it takes over is the
 * other half of the folding and of the writes. The additive projections (a row per account and month,
 * one per invoice) write most of the rows and read only orders, invoices and payments: they go to
 * the second thread, the ones that take every event stay here.
 */
export const planLanes = (projections: readonly Projection[], threads: number): Projection[][] => {
  const additive = projections.filter((projection) => projection.kind === 'additive');
  const others = projections.filter((projection) => projection.kind !== 'additive');
  return threads > 0 && additive.length > 0 && others.length > 0 ? [others, additive] : [[...projections]];
};

/** Progress over the lanes: the events of the lane that reads the most, at the position of the one furthest behind. */
class LaneProgress {
  readonly #events: number[];
  readonly #positions: bigint[];

  constructor(
    lanes: number,
    private readonly head: bigint,
    private readonly startedAt: number,
    private readonly report?: (progress: RebuildProgress) => void,
  ) {
    this.#events = new Array<number>(lanes).fill(0);
    this.#positions = new Array<bigint>(lanes).fill(-1n);
  }

  get events(): number {
    return Math.max(...this.#events);
  }

  update(lane: number, events: number, position: bigint): void {
    this.#events[lane] = events;
    this.#positions[lane] = position;
    if (this.report === undefined) return;
    // A thread that has not reported yet (-1) would make the ETA nothing: go by the others until it does.
    const behind = this.#positions.reduce((least, each) =>
      each >= 0n && (least < 0n || each < least) ? each : least,
    );
    this.report(progressOf(this.events, behind, this.head, this.startedAt));
  }
}

/**
 * Waits for every lane; on the first failure, stops the others and waits for them too (nothing is
 * left writing when the caller drops the half-built tables), then throws that first failure.
 */
async function settleLanes(
  lanes: readonly Promise<LaneResult>[],
  stopAll: () => Promise<void>,
): Promise<readonly LaneResult[]> {
  let failure: { error: unknown } | null = null;
  const results = await Promise.all(
    lanes.map((lane) =>
      lane.catch(async (error: unknown) => {
        if (failure === null) {
          failure = { error };
          await stopAll();
        }
        return null;
      }),
    ),
  );
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results as LaneResult[];
}

/** Every lane of the rebuild, this thread's and the others', up to `head`; each indexes its own tables. */
async function replayLanes(
  options: RebuildOptions,
  context: BatchContext,
  lease: Readonly<{ locks: readonly string[]; owner: string; leaseMs: number }>,
  plan: Readonly<{ projections: readonly Projection[]; tag: string; head: bigint; startedAt: number }>,
): Promise<number> {
  const files = sqliteFiles(options);
  const threads = files === null ? 0 : (options.threads ?? (availableParallelism() > 1 ? 1 : 0));
  const [here = [], ...elsewhere] = planLanes(plan.projections, threads);
  const progress = new LaneProgress(1 + elsewhere.length, plan.head, plan.startedAt, options.onProgress);
  const stop = new AbortController();
  const signal = options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]);
  const sizes = {
    pageSize: options.batchSize ?? PAGE_SIZE,
    flushRows: options.flushRows ?? FLUSH_ROWS,
    keepKeyedRows: options.keepKeyedRows ?? KEEP_KEYED_ROWS,
  };
  const started: RebuildThread[] = [];
  const stopAll = async () => {
    stop.abort();
    await Promise.all(started.map((thread) => thread.stop()));
  };
  const lanes: Promise<LaneResult>[] = [];
  if (files !== null) {
    for (const [index, projections] of elsewhere.entries()) {
      const thread = startRebuildThread(
        {
          logFile: files.log,
          readModelsFile: files.readModels,
          projections: projections.map((projection) => projection.name),
          tag: plan.tag,
          ...lease,
          head: plan.head.toString(),
          ...sizes,
        },
        (events, position) => progress.update(index + 1, events, position),
      );
      started.push(thread);
      lanes.push(thread.done);
    }
  }
  const local = replayLane({
    store: options.store,
    projections: here,
    context,
    head: plan.head,
    ...sizes,
    signal,
    onPage: (events, position) => progress.update(0, events, position),
  }).then(async (result) => {
    await context.backend.indexRebuild(here, plan.tag);
    return result;
  });
  await settleLanes([local, ...lanes], stopAll);
  return progress.events;
}

/**
 * Replays the log up to its head into fresh `<table>__rebuild` tables, then swaps them in and sets the
 * checkpoints in one transaction: readers see the old models, then the new, never a half-built one.
 * With a second core and a SQLite log and read models, a worker thread rebuilds part of the
 * projections beside this one (see `planLanes`). A live runner may keep going meanwhile; its next
 * commit finds the moved checkpoint and resumes from there. A second rebuild of the same projection is
 * refused (ProjectionLockedError). On any failure, in any thread, the live tables are untouched and the
 * half-built ones are dropped.
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
    const events = await replayLanes(
      options,
      context,
      { locks, owner, leaseMs },
      { projections, tag, head, startedAt },
    );
    await backend.swapIn(projections, keeper.lease(), Number(head));
    swapped = true;
    const seconds = (performance.now() - startedAt) / 1000;
    return {
      projections: projections.map((projection) => projection.name),
      events,
      seconds,
      eventsPerSecond: seconds > 0 ? events / seconds : 0,
      position: head,
    };
  } finally {
    keeper.stop();
    if (!swapped) await backend.dropRebuild(projections).catch(() => undefined);
    await releaseLocks(db, locks, owner);
  }
}
