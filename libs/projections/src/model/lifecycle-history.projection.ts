import type { LifecycleStage } from '@kam/domain';
import type { StageBasis } from '@kam/policies';
import { toInstant, type ProjectedEvent } from './projected-event.js';
import type { AppendProjection, TableSpec } from './table-spec.js';

/** Every stage an account entered, from registration on, with its basis. Keyed by log position. */
export type LifecycleHistoryRow = Readonly<{
  position: number;
  account_id: string;
  from_stage: LifecycleStage | null;
  to_stage: LifecycleStage;
  basis: StageBasis;
  /** 1 when a person moved the account outside the lifecycle's usual order. */
  override: number;
  /** JSON array: the person's reason, or the inference's reasons. */
  reasons: string;
  run_id: string | null;
  policy_id: string | null;
  policy_version: string | null;
  occurred_at: string;
  recorded_at: string;
}>;

export const LIFECYCLE_HISTORY_TABLE: TableSpec = {
  name: 'lifecycle_history',
  columns: [
    { name: 'position', type: 'bigint' },
    { name: 'account_id', type: 'text' },
    { name: 'from_stage', type: 'text', nullable: true },
    { name: 'to_stage', type: 'text' },
    { name: 'basis', type: 'text' },
    { name: 'override', type: 'integer' },
    { name: 'reasons', type: 'text' },
    { name: 'run_id', type: 'text', nullable: true },
    { name: 'policy_id', type: 'text', nullable: true },
    { name: 'policy_version', type: 'text', nullable: true },
    { name: 'occurred_at', type: 'text' },
    { name: 'recorded_at', type: 'text' },
  ],
  primaryKey: ['position'],
  indexes: [['account_id', 'position']],
};

type Basis = Pick<LifecycleHistoryRow, 'from_stage' | 'to_stage' | 'basis' | 'override' | 'reasons'> &
  Partial<Pick<LifecycleHistoryRow, 'run_id' | 'policy_id' | 'policy_version'>>;

const basisOf = (event: ProjectedEvent): Basis => {
  switch (event.type) {
    case 'AccountRegistered':
      return { from_stage: null, to_stage: 'acquisition', basis: 'registration', override: 0, reasons: '[]' };
    case 'LifecycleStageChanged': {
      const { from, to, override, reason } = event.data;
      return {
        from_stage: from,
        to_stage: to,
        basis: 'manual',
        override: override ? 1 : 0,
        reasons: JSON.stringify([reason]),
      };
    }
    case 'LifecycleStageInferred': {
      const { from, to, reasons, runId, policyId, policyVersion } = event.data;
      return {
        from_stage: from,
        to_stage: to,
        basis: 'inferred',
        override: 0,
        reasons: JSON.stringify(reasons),
        run_id: runId,
        policy_id: policyId,
        policy_version: policyVersion,
      };
    }
    case 'AccountWonBack':
      return {
        from_stage: 'churn',
        to_stage: 'acquisition',
        basis: 'win_back',
        override: 0,
        reasons: JSON.stringify([event.data.reason]),
      };
    default:
      throw new TypeError(`lifecycle_history does not take ${event.type}`);
  }
};

export const toLifecycleHistoryRow = (event: ProjectedEvent): LifecycleHistoryRow => ({
  position: event.position,
  account_id: event.data.accountId,
  run_id: null,
  policy_id: null,
  policy_version: null,
  ...basisOf(event),
  occurred_at: toInstant(event.data.occurredAt),
  recorded_at: event.recordedAt,
});

export const lifecycleHistoryProjection: AppendProjection<LifecycleHistoryRow> = {
  name: 'lifecycle_history',
  kind: 'append',
  table: LIFECYCLE_HISTORY_TABLE,
  handles: ['AccountRegistered', 'LifecycleStageChanged', 'LifecycleStageInferred', 'AccountWonBack'],
  toRow: toLifecycleHistoryRow,
};
