import type { LifecycleStage } from '@kam/domain';
import type { StageBasis } from '@kam/policies';
import type { TableSpec } from './table-spec.js';

/**
 * One row per account: who it is and where it stands now. Figures that depend on "now" (trailing
 * twelve months, overdue receivables) are not stored: a stored value goes stale the day after it was
 * written without any event to refresh it. Queries compute them from `account_metrics_monthly` and
 * `receivables` for the date they are asked about.
 */
export type AccountSummaryRow = Readonly<{
  account_id: string;
  name: string;
  industry: string;
  region: string;
  source: string | null;
  registered_at: string;
  stage: LifecycleStage;
  stage_basis: StageBasis;
  stage_changed_at: string;
  tier: string | null;
  score: number | null;
  classified_at: string | null;
  policy_version: string | null;
  owner: string | null;
  /** JSON: members per team role. */
  team: string;
  payment_mode: string | null;
  payment_risk: string | null;
  credit_days: number | null;
  /** JSON: the latest assessment's scores. */
  assessment: string | null;
  assessed_at: string | null;
  /** JSON: the background profile, merged over its updates. */
  profile: string;
  last_order_at: string | null;
  last_interaction_at: string | null;
  /** The stream revision of the last event folded in: what `kam accounts show` calls `revision`. */
  revision: number;
  position: number;
  updated_at: string;
}>;

const text = (name: string, nullable = false) => ({ name, type: 'text', nullable }) as const;

export const ACCOUNT_SUMMARY_TABLE: TableSpec = {
  name: 'account_summary',
  columns: [
    text('account_id'),
    text('name'),
    text('industry'),
    text('region'),
    text('source', true),
    text('registered_at'),
    text('stage'),
    text('stage_basis'),
    text('stage_changed_at'),
    text('tier', true),
    { name: 'score', type: 'double precision', nullable: true },
    text('classified_at', true),
    text('policy_version', true),
    text('owner', true),
    text('team'),
    text('payment_mode', true),
    text('payment_risk', true),
    { name: 'credit_days', type: 'integer', nullable: true },
    text('assessment', true),
    text('assessed_at', true),
    text('profile'),
    text('last_order_at', true),
    text('last_interaction_at', true),
    { name: 'revision', type: 'bigint' },
    { name: 'position', type: 'bigint' },
    text('updated_at'),
  ],
  primaryKey: ['account_id'],
  indexes: [['tier'], ['stage'], ['owner'], ['region'], ['industry'], ['name']],
};
