import { openKamSqliteDatabase, SqliteEventStore, type EventStore } from '@kam/event-store';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { resolveProjections } from '../model/projection-registry.js';
import type { Projection } from '../model/table-spec.js';
import type { ReadModels } from '../read-models.js';
import { LogShareMismatchError, sqliteSharePages } from '../sqlite/sqlite-log-share.js';
import { LeaseKeeper } from './lease-keeper.js';
import type { BatchContext } from './process-batch.js';
import {
  acquireLocks,
  DEFAULT_LEASE_MS,
  newLockOwner,
  rebuildLockName,
  releaseLocks,
} from './projection-lock.js';
import { replayLane, storePages, type LaneResult } from './rebuild-lane.js';
import { startRebuildThread, type RebuildThread } from './rebuild-threads.js';
import { WriteTurn } from './write-turn.js';

export type RebuildProgress = Readonly<{
  /** Events read so far, by every thread. */
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
   * Worker threads that rebuild some of the accounts beside this one; by default one when the
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

/** Progress over the lanes: the events they read together, at the position of the one furthest behind. */
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
    return this.#events.reduce((sum, each) => sum + each, 0);
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

type Plan = Readonly<{
  projections: readonly Projection[];
  tag: string;
  head: bigint;
  startedAt: number;
  lease: Readonly<{ locks: readonly string[]; owner: string; leaseMs: number }>;
}>;

const sizesOf = (options: RebuildOptions) => ({
  pageSize: options.batchSize ?? PAGE_SIZE,
  flushRows: options.flushRows ?? FLUSH_ROWS,
  keepKeyedRows: options.keepKeyedRows ?? KEEP_KEYED_ROWS,
});

/** The whole rebuild in this thread, through the store's port: any store, any log. */
async function replayHere(options: RebuildOptions, context: BatchContext, plan: Plan): Promise<number> {
  const progress = new LaneProgress(1, plan.head, plan.startedAt, options.onProgress);
  const { pageSize, ...sizes } = sizesOf(options);
  const { events } = await replayLane({
    pages: storePages(options.store, plan.projections, plan.head, pageSize),
    projections: plan.projections,
    context,
    head: plan.head,
    ...sizes,
    signal: options.signal,
    onPage: (read, position) => progress.update(0, read, position),
  });
  return events;
}

/**
 * The rebuild split by account over this thread and `threads` more, each reading its share of the
 * log from the SQLite file (see sqlite-log-share.ts) and writing its accounts' rows into the same
 * rebuild tables; their commits take turns (see WriteTurn).
 */
async function replayShared(
  options: RebuildOptions,
  context: BatchContext,
  plan: Plan,
  files: Readonly<{ log: string; readModels: string }>,
  threads: number,
): Promise<number> {
  const of = threads + 1;
  const progress = new LaneProgress(of, plan.head, plan.startedAt, options.onProgress);
  const stop = new AbortController();
  const signal = options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]);
  const sizes = sizesOf(options);
  const turn = new WriteTurn();
  const started: RebuildThread[] = [];
  const stopAll = async () => {
    stop.abort();
    await Promise.all(started.map((thread) => thread.stop()));
  };
  for (let index = 1; index < of; index += 1) {
    started.push(
      startRebuildThread(
        {
          logFile: files.log,
          readModelsFile: files.readModels,
          projections: plan.projections.map((projection) => projection.name),
          ...plan.lease,
          head: plan.head.toString(),
          share: { index, of },
          turn: turn.buffer,
          ...sizes,
        },
        (events, position) => progress.update(index, events, position),
      ),
    );
  }
  const log = openKamSqliteDatabase({ file: files.log });
  const { pageSize, ...rest } = sizes;
  const here = replayLane({
    pages: sqliteSharePages(log, { index: 0, of }, plan.head, pageSize),
    projections: plan.projections,
    context,
    head: plan.head,
    ...rest,
    signal,
    turn,
    onPage: (read, position) => progress.update(0, read, position),
  }).finally(() => log.close());
  await settleLanes([here, ...started.map((thread) => thread.done)], stopAll);
  return progress.events;
}

/**
 * Every event up to `head` folded into the rebuild tables, then their indexes built. Split across
 * threads where it can be (a SQLite log and read models, a second core); a log that cannot be split
 * by stream is rebuilt again in this thread alone.
 */
async function replayAll(options: RebuildOptions, context: BatchContext, plan: Plan): Promise<number> {
  const files = sqliteFiles(options);
  const threads = options.threads ?? (availableParallelism() > 1 ? 1 : 0);
  let events: number;
  if (files === null || threads < 1) events = await replayHere(options, context, plan);
  else {
    try {
      events = await replayShared(options, context, plan, files, threads);
    } catch (error) {
      if (!(error instanceof LogShareMismatchError)) throw error;
      await context.backend.prepareRebuild(plan.projections, plan.tag);
      events = await replayHere(options, context, plan);
    }
  }
  await context.backend.indexRebuild(plan.projections, plan.tag);
  return events;
}

/**
 * Replays the log up to its head into fresh `<table>__rebuild` tables, then swaps them in and sets the
 * checkpoints in one transaction: readers see the old models, then the new, never a half-built one.
 * With a second core and a SQLite log and read models, worker threads rebuild some of the accounts
 * beside this one (see `replayShared`). A live runner may keep going meanwhile; its next
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
    const events = await replayAll(options, context, {
      projections,
      tag,
      head,
      startedAt,
      lease: { locks, owner, leaseMs },
    });
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
