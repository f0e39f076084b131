import type { EventStore } from '@kam/event-store';
import type { Kysely } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROJECTION_NAMES, resolveProjections } from '../model/projection-registry.js';
import { WaitForPositionTimeoutError } from '../projection.errors.js';
import { readCheckpoints } from '../runner/checkpoints.js';
import type { ReadModelDatabase } from '../schema/read-model.database.js';

/** `kam projections status`: positions as decimal strings ("-1": nothing folded yet / empty log). */
export type ProjectionStatus = Readonly<{
  name: string;
  checkpoint: string;
  head: string;
  /** Events the projection is behind: counted exactly up to `exactLagUpTo`, estimated by position beyond. */
  lag: number;
  lagExact: boolean;
}>;

/** Counts the events after `after`, stopping at `cap`: a long lag costs no more than a short read. */
async function countAfter(store: EventStore, after: bigint, cap: number): Promise<number> {
  let count = 0;
  for await (const _event of store.readAll({ ...(after >= 0n ? { after } : {}), maxCount: cap })) count += 1;
  return count;
}

/**
 * Each projection's checkpoint, the log's head and the lag in events. Counting reads the events, so
 * beyond `exactLagUpTo` the lag is the position difference instead: exact for the SQLite store (its
 * positions have no gaps), an upper bound for stores whose positions skip.
 */
export async function projectionStatus(
  db: Kysely<ReadModelDatabase>,
  store: EventStore,
  options: Readonly<{ exactLagUpTo?: number }> = {},
): Promise<readonly ProjectionStatus[]> {
  const cap = options.exactLagUpTo ?? 10_000;
  const checkpoints = await readCheckpoints(db, PROJECTION_NAMES);
  const head = await store.headPosition();
  const counted = new Map<bigint, number>();
  const result: ProjectionStatus[] = [];
  for (const name of PROJECTION_NAMES) {
    const checkpoint = checkpoints.get(name) ?? -1n;
    if (checkpoint < head && !counted.has(checkpoint))
      counted.set(checkpoint, await countAfter(store, checkpoint, cap));
    const count = checkpoint >= head ? 0 : (counted.get(checkpoint) ?? 0);
    const exact = count < cap;
    const lag = exact ? count : Math.max(count, Number(head - checkpoint));
    result.push({ name, checkpoint: String(checkpoint), head: String(head), lag, lagExact: exact });
  }
  return result;
}

export type WaitOptions = Readonly<{
  timeoutMs?: number;
  /** Only these must have reached the position; all by default. */
  projections?: readonly string[];
  pollMs?: number;
}>;

/**
 * Read your own writes: resolves once every (named) projection's checkpoint is at or past `position`
 * (the one an append returned), or rejects with WaitForPositionTimeoutError naming those behind.
 */
export async function waitForPosition(
  db: Kysely<ReadModelDatabase>,
  position: bigint,
  options: WaitOptions = {},
): Promise<void> {
  const names = resolveProjections(options.projections).map((projection) => projection.name);
  const timeoutMs = options.timeoutMs ?? 5_000;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const checkpoints = await readCheckpoints(db, names);
    const behind = names
      .map((name) => ({ name, checkpoint: checkpoints.get(name) ?? -1n }))
      .filter((lag) => lag.checkpoint < position);
    if (behind.length === 0) return;
    const left = deadline - performance.now();
    if (left <= 0) throw new WaitForPositionTimeoutError(position, timeoutMs, behind);
    await sleep(Math.min(options.pollMs ?? 20, left));
  }
}
