import type { Kysely } from 'kysely';
import { buildByTier } from '../run/by-tier.js';
import type {
  EvaluationRun,
  RunMode,
  RunStatus,
  RunTrigger,
  TierFigures,
} from '../run/evaluation-run.types.js';
import { changedByTierMove, openCount } from './run-account.store.js';
import { findRunRow, recordByTier, type RunRow } from './evaluation-run.store.js';
import type { EvaluationDatabase } from './evaluation-tables.js';

type Db = Kysely<EvaluationDatabase>;

const parseCounts = (json: string | null): Record<string, number> =>
  json === null ? {} : (JSON.parse(json) as Record<string, number>);

/** The finished figures; a run closed by a process that died before writing them gets them now. */
const byTierOf = async (db: Db, row: RunRow): Promise<Record<string, TierFigures> | null> => {
  if (row.by_tier !== null) return JSON.parse(row.by_tier) as Record<string, TierFigures>;
  if (row.status !== 'done') return null;
  return buildByTier(parseCounts(row.tier_counts), await changedByTierMove(db, row.run_id));
};

const progressOf = async (db: Db, row: RunRow): Promise<EvaluationRun['progress']> => {
  if (row.accounts === null) return null;
  if (row.status === 'done') return { done: row.accounts, total: row.accounts };
  // Every account the plan did not leave as it was is in a batch, so what is not open is settled.
  return { done: row.accounts - (await openCount(db, row.run_id)), total: row.accounts };
};

/** A run by id, with its progress while it runs and its figures once done; null when unknown. */
export const getEvaluationRun = async (db: Db, runId: string): Promise<EvaluationRun | null> => {
  const row = await findRunRow(db, runId);
  if (row === null) return null;
  return {
    runId: row.run_id,
    status: row.status as RunStatus,
    trigger: row.trigger as RunTrigger,
    mode: row.mode as RunMode,
    asOf: row.as_of,
    policyId: row.policy_id,
    policyVersion: row.policy_version,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    progress: await progressOf(db, row),
    accounts: row.accounts,
    changed: row.changed,
    unchanged: row.unchanged,
    failed: row.failed,
    byTier: await byTierOf(db, row),
    error: row.error,
  };
};

/** Writes the figures of a run that has just been closed, so later reads need no grouping. */
export const storeByTier = async (db: Db, runId: string): Promise<void> => {
  const row = await findRunRow(db, runId);
  if (row === null || row.status !== 'done' || row.by_tier !== null) return;
  await recordByTier(
    db,
    runId,
    buildByTier(parseCounts(row.tier_counts), await changedByTierMove(db, runId)),
  );
};
