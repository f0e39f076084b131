import type { AccountReplica } from '../replica/account-replica.js';
import type { PortfolioReplica } from '../replica/portfolio-replica.js';
import type { ClassificationHistoryRow } from '../replica/projection-model.js';
import {
  NO_TIER,
  type MigrationMatrix,
  type RecordedRunRef,
  type ReplayedDate,
  type TierChange,
  type TierScore,
} from './replay.types.js';

/** What the evaluation of one date gave each account. */
export type DateEvaluation = Readonly<{ date: string; results: ReadonlyMap<string, TierScore> }>;

/** The classification in force at `date`: the last recorded (in log order) that happened by then. */
export const recordedAt = (
  replica: AccountReplica | undefined,
  date: string,
): ClassificationHistoryRow | null => {
  const rows = replica?.classifications ?? [];
  for (let i = rows.length - 1; i >= 0; i -= 1) {
    const row = rows[i];
    if (row !== undefined && row.occurred_at <= date) return row;
  }
  return null;
};

const runAt = (portfolio: PortfolioReplica, date: string): RecordedRunRef | null => {
  for (const replica of portfolio.accounts.values()) {
    const row = replica.classifications.find((change) => change.occurred_at === date);
    if (row !== undefined)
      return { runId: row.run_id, policyId: row.policy_id, policyVersion: row.policy_version };
  }
  return null;
};

const count = (matrix: Record<string, Record<string, number>>, from: string, to: string): void => {
  const row = (matrix[from] ??= {});
  row[to] = (row[to] ?? 0) + 1;
};

/** The replayed tiers of one date against the recorded ones: a migration matrix and the accounts that differ. */
export const compareDate = (evaluation: DateEvaluation, portfolio: PortfolioReplica): ReplayedDate => {
  const matrix: Record<string, Record<string, number>> = {};
  const changes: TierChange[] = [];
  for (const [accountId, replayed] of evaluation.results) {
    const replica = portfolio.accounts.get(accountId);
    const recorded = recordedAt(replica, evaluation.date);
    count(matrix, recorded?.to_tier ?? NO_TIER, replayed.tier);
    if (recorded?.to_tier === replayed.tier) continue;
    changes.push({
      accountId,
      name: replica?.summary?.name ?? accountId,
      recordedTier: recorded?.to_tier ?? null,
      replayedTier: replayed.tier,
      recordedScore: recorded === null ? null : Number(recorded.score),
      replayedScore: replayed.score,
    });
  }
  return {
    date: evaluation.date,
    recordedRun: runAt(portfolio, evaluation.date),
    accounts: evaluation.results.size,
    differences: changes.length,
    matrix: matrix as MigrationMatrix,
    changes,
  };
};
