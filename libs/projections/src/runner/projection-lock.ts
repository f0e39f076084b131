import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { ProjectionLockedError, ProjectionLockLostError } from '../projection.errors.js';
import type { LockRow, ReadModelDatabase } from '../schema/read-model.database.js';

export const DEFAULT_LEASE_MS = 30_000;

/** `kind:host:pid:nonce`: enough to tell a person who holds it, and whether that process still lives. */
export const newLockOwner = (kind: 'runner' | 'rebuild'): string =>
  `${kind}:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export const rebuildLockName = (projection: string): string => `rebuild:${projection}`;

/** A holder on this host whose process is gone has no one to renew its lease: it is stale now, not in 30 s. */
const holderIsGone = (owner: string): boolean => {
  const [, host, pid] = owner.split(':');
  if (host !== hostname() || pid === undefined || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
};

const holderOf = (db: Kysely<ReadModelDatabase>, name: string) =>
  db.selectFrom('projection_locks').selectAll().where('name', '=', name).executeTakeFirst();

/**
 * No transaction: a first lease is an insert that a racing taker fails on the key, and a takeover is
 * a compare-and-set on the holder just read, so two takers of one stale lease cannot both win.
 * Returns the row of whoever holds it now.
 */
async function take(
  db: Kysely<ReadModelDatabase>,
  name: string,
  owner: string,
  expiresAt: number,
  now: number,
) {
  const held = await holderOf(db, name);
  const free =
    held === undefined || held.owner === owner || Number(held.expires_at) < now || holderIsGone(held.owner);
  if (!free) return held;
  const row: LockRow = { name, owner, expires_at: expiresAt, acquired_at: new Date(now).toISOString() };
  try {
    if (held === undefined) await db.insertInto('projection_locks').values(row).execute();
    else {
      await db
        .updateTable('projection_locks')
        .set({ owner, expires_at: expiresAt, acquired_at: row.acquired_at })
        .where('name', '=', name)
        .where('owner', '=', held.owner)
        .execute();
    }
  } catch (error) {
    if ((await holderOf(db, name)) === undefined) throw error;
  }
  return holderOf(db, name);
}

/**
 * Takes every named lease or none: on the first one held by someone else, releases what it took and
 * throws ProjectionLockedError naming the holder. Returns the expiry it set.
 */
export async function acquireLocks(
  db: Kysely<ReadModelDatabase>,
  names: readonly string[],
  owner: string,
  leaseMs: number = DEFAULT_LEASE_MS,
): Promise<number> {
  const now = Date.now();
  const expiresAt = now + leaseMs;
  const taken: string[] = [];
  for (const name of names) {
    const holder = await take(db, name, owner, expiresAt, now);
    if (holder !== undefined && holder.owner !== owner) {
      await releaseLocks(db, taken, owner);
      throw new ProjectionLockedError(name, holder.owner, new Date(Number(holder.expires_at)));
    }
    taken.push(name);
  }
  return expiresAt;
}

/** Extends the leases; throws ProjectionLockLostError if any was taken over meanwhile. */
export async function renewLocks(
  db: Kysely<ReadModelDatabase>,
  names: readonly string[],
  owner: string,
  leaseMs: number = DEFAULT_LEASE_MS,
): Promise<number> {
  const expiresAt = Date.now() + leaseMs;
  for (const name of names) {
    const { numUpdatedRows } = await db
      .updateTable('projection_locks')
      .set({ expires_at: expiresAt })
      .where('name', '=', name)
      .where('owner', '=', owner)
      .executeTakeFirstOrThrow();
    if (numUpdatedRows !== 1n) throw new ProjectionLockLostError(name);
  }
  return expiresAt;
}

export async function releaseLocks(
  db: Kysely<ReadModelDatabase>,
  names: readonly string[],
  owner: string,
): Promise<void> {
  if (names.length === 0) return;
  await db.deleteFrom('projection_locks').where('name', 'in', names).where('owner', '=', owner).execute();
}
