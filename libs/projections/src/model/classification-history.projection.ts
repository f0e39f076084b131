import { toInstant, type ProjectedEvent } from './projected-event.js';
import type { AppendProjection, TableSpec } from './table-spec.js';

/** Every tier change, with what is needed to explain and reproduce it. Keyed by log position. */
export type ClassificationHistoryRow = Readonly<{
  position: number;
  account_id: string;
  from_tier: string | null;
  to_tier: string;
  score: number;
  /** JSON: the score's components by dimension. */
  components: string;
  /** JSON array of the policy's reasons. */
  reasons: string;
  policy_id: string;
  policy_version: string;
  run_id: string;
  occurred_at: string;
  recorded_at: string;
}>;

export const CLASSIFICATION_HISTORY_TABLE: TableSpec = {
  name: 'classification_history',
  columns: [
    { name: 'position', type: 'bigint' },
    { name: 'account_id', type: 'text' },
    { name: 'from_tier', type: 'text', nullable: true },
    { name: 'to_tier', type: 'text' },
    { name: 'score', type: 'double precision' },
    { name: 'components', type: 'text' },
    { name: 'reasons', type: 'text' },
    { name: 'policy_id', type: 'text' },
    { name: 'policy_version', type: 'text' },
    { name: 'run_id', type: 'text' },
    { name: 'occurred_at', type: 'text' },
    { name: 'recorded_at', type: 'text' },
  ],
  primaryKey: ['position'],
  indexes: [['account_id', 'position'], ['run_id']],
};

export const toClassificationHistoryRow = (event: ProjectedEvent): ClassificationHistoryRow => {
  if (event.type !== 'AccountReclassified')
    throw new TypeError(`classification_history does not take ${event.type}`);
  const { data } = event;
  return {
    position: event.position,
    account_id: data.accountId,
    from_tier: data.previousTier,
    to_tier: data.tier,
    score: data.score,
    components: JSON.stringify(data.components),
    reasons: JSON.stringify(data.reasons),
    policy_id: data.policyId,
    policy_version: data.policyVersion,
    run_id: data.runId,
    occurred_at: toInstant(data.occurredAt),
    recorded_at: event.recordedAt,
  };
};

export const classificationHistoryProjection: AppendProjection<ClassificationHistoryRow> = {
  name: 'classification_history',
  kind: 'append',
  table: CLASSIFICATION_HISTORY_TABLE,
  handles: ['AccountReclassified'],
  toRow: toClassificationHistoryRow,
};
