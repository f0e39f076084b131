import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../schema/read-model.database.js';
import { parseJson } from './read-snapshot.js';

export type ClassificationChange = Readonly<{
  position: string;
  fromTier: string | null;
  toTier: string;
  score: number;
  components: Readonly<Record<string, number>>;
  reasons: readonly string[];
  policyId: string;
  policyVersion: string;
  runId: string;
  occurredAt: string;
  recordedAt: string;
}>;

export type StageChange = Readonly<{
  position: string;
  fromStage: string | null;
  toStage: string;
  basis: string;
  override: boolean;
  reasons: readonly string[];
  runId: string | null;
  policyId: string | null;
  policyVersion: string | null;
  occurredAt: string;
  recordedAt: string;
}>;

/** Every tier change of one account, oldest first. */
export async function classificationHistory(
  db: Kysely<ReadModelDatabase>,
  accountId: string,
): Promise<readonly ClassificationChange[]> {
  const rows = await db
    .selectFrom('classification_history')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    position: String(row.position),
    fromTier: row.from_tier,
    toTier: row.to_tier,
    score: Number(row.score),
    components: parseJson(row.components, {}),
    reasons: parseJson(row.reasons, []),
    policyId: row.policy_id,
    policyVersion: row.policy_version,
    runId: row.run_id,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
  }));
}

/** Every stage one account entered, from registration on, oldest first. */
export async function lifecycleHistory(
  db: Kysely<ReadModelDatabase>,
  accountId: string,
): Promise<readonly StageChange[]> {
  const rows = await db
    .selectFrom('lifecycle_history')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    position: String(row.position),
    fromStage: row.from_stage,
    toStage: row.to_stage,
    basis: row.basis,
    override: Number(row.override) === 1,
    reasons: parseJson(row.reasons, []),
    runId: row.run_id,
    policyId: row.policy_id,
    policyVersion: row.policy_version,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
  }));
}
