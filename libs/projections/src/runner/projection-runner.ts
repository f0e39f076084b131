import type { EventStore } from '@kam/event-store';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProjectionCursor } from '../model/apply-batch.js';
import { resolveProjections } from '../model/projection-registry.js';
import type { Projection } from '../model/table-spec.js';
import { ProjectionLockedError } from '../projection.errors.js';
import type { ReadModels } from '../read-models.js';
import { readCheckpoints } from './checkpoints.js';
import { liveBatches, readPage, yieldToEventLoop } from './event-batches.js';
import { LeaseKeeper } from './lease-keeper.js';
import { processBatch, type BatchContext } from './process-batch.js';
import { CheckpointMovedError } from './projection-backend.js';
import { acquireLocks, DEFAULT_LEASE_MS, newLockOwner, releaseLocks } from './projection-lock.js';

/** Events per transaction when catching up; live batches take what has arrived, up to this. */
export const DEFAULT_BATCH_SIZE = 2048;

export type RunProjectionsOptions = Readonly<{
  readModels: ReadModels;
  store: EventStore;
  /** Projection names; all of them when omitted. */
  projections?: readonly string[] | 'all';
  /** `caught-up`: return at the head of the log. `aborted`: follow live events until `signal` aborts. */
  until?: 'caught-up' | 'aborted';
  signal?: AbortSignal;
  /** Events per transaction. */
  batchSize?: number;
  leaseMs?: number;
  onBatch?: (progress: Readonly<{ events: number; position: bigint }>) => void;
}>;

export type RunResult = Readonly<{ events: number; position: bigint }>;

const lowest = (cursors: readonly ProjectionCursor[]): bigint =>
  BigInt(Math.min(...cursors.map((cursor) => cursor.checkpoint)));

async function cursorsFromStore(readModels: ReadModels, projections: readonly Projection[]) {
  const checkpoints = await readCheckpoints(
    readModels.db,
    projections.map((projection) => projection.name),
  );
  return projections.map((projection) => ({
    projection,
    checkpoint: Number(checkpoints.get(projection.name) ?? -1n),
  }));
}

/** A waiting runner takes over as soon as the active one's lease lapses: a hot standby. */
async function acquireOrWait(
  options: RunProjectionsOptions,
  names: readonly string[],
  owner: string,
  leaseMs: number,
) {
  for (;;) {
    try {
      return await acquireLocks(options.readModels.db, names, owner, leaseMs);
    } catch (error) {
      if (!(error instanceof ProjectionLockedError) || options.until !== 'aborted') throw error;
      await sleep(Math.max(1, leaseMs / 3), undefined, { signal: options.signal }).catch(() => undefined);
      if (options.signal?.aborted === true) return null;
    }
  }
}

/**
 * Runs the named projections from their checkpoints: pages of the log until the head, then (with
 * `until: 'aborted'`) the live log. One runner per projection across processes, by lease; a second
 * one that must catch up now fails with ProjectionLockedError, one that follows the log waits.
 */
export async function runProjections(options: RunProjectionsOptions): Promise<RunResult> {
  const projections = resolveProjections(options.projections);
  const names = projections.map((projection) => projection.name);
  const owner = newLockOwner('runner');
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  if ((await acquireOrWait(options, names, owner, leaseMs)) === null) return { events: 0, position: -1n };
  const keeper = new LeaseKeeper(options.readModels.db, names, owner, leaseMs);
  const signal = AbortSignal.any([keeper.signal, ...(options.signal === undefined ? [] : [options.signal])]);
  const context: BatchContext = {
    backend: options.readModels.backend,
    target: 'live',
    lease: () => keeper.lease(),
  };
  let events = 0;
  let cursors: readonly ProjectionCursor[] = [];
  const apply = async (batch: Parameters<typeof processBatch>[2]) => {
    cursors = await processBatch(context, cursors, batch);
    events += batch.length;
    options.onBatch?.({ events, position: lowest(cursors) });
  };
  try {
    for (;;) {
      cursors = await cursorsFromStore(options.readModels, projections);
      try {
        await follow(options, () => cursors, apply, signal);
        if (keeper.lost !== undefined) throw keeper.lost;
        return { events, position: lowest(cursors) };
      } catch (error) {
        // A rebuild swapped a table in under us: resume from the checkpoint it set.
        if (!(error instanceof CheckpointMovedError)) throw error;
      }
    }
  } finally {
    keeper.stop();
    await releaseLocks(options.readModels.db, names, owner);
  }
}

async function follow(
  options: RunProjectionsOptions,
  cursors: () => readonly ProjectionCursor[],
  apply: (batch: Parameters<typeof processBatch>[2]) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  for (;;) {
    if (signal.aborted) return;
    const page = await readPage(options.store, lowest(cursors()), size);
    if (page.length === 0) break;
    await apply(page);
    await yieldToEventLoop();
  }
  if (options.until !== 'aborted') return;
  const subscription = options.store.subscribeToAll({ after: lowest(cursors()) });
  for await (const batch of liveBatches(subscription, size, signal)) await apply(batch);
}
