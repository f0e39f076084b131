import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../schema/read-model.database.js';

/** Each named projection's checkpoint; -1n for one that has folded nothing yet. */
export async function readCheckpoints(
  db: Kysely<ReadModelDatabase>,
  names: readonly string[],
): Promise<ReadonlyMap<string, bigint>> {
  const rows =
    names.length === 0
      ? []
      : await db
          .selectFrom('projection_checkpoints')
          .select(['name', 'position'])
          .where('name', 'in', names)
          .execute();
  const stored = new Map(rows.map((row) => [row.name, BigInt(row.position)]));
  return new Map(names.map((name) => [name, stored.get(name) ?? -1n]));
}
