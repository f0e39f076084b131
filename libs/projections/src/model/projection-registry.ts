import { UnknownProjectionError } from '../projection.errors.js';
import { accountMetricsMonthlyProjection } from './account-metrics-monthly.projection.js';
import { accountSummaryProjection } from './account-summary.projection.js';
import { classificationHistoryProjection } from './classification-history.projection.js';
import { lifecycleHistoryProjection } from './lifecycle-history.projection.js';
import { receivablesProjection } from './receivables.projection.js';
import type { Projection } from './table-spec.js';

/**
 * Every projection, each with its own table and checkpoint. `portfolio_snapshot` is not among them:
 * counts per tier and stage and the revenue shares are a query over `account_summary` and
 * `account_metrics_monthly`, always consistent with them and never a second copy to keep in step.
 */
export const PROJECTIONS: readonly Projection[] = [
  accountSummaryProjection,
  accountMetricsMonthlyProjection,
  receivablesProjection,
  classificationHistoryProjection,
  lifecycleHistoryProjection,
] as Projection[];

export const PROJECTION_NAMES: readonly string[] = PROJECTIONS.map((projection) => projection.name);

/** The named projections in registry order; `'all'` or nothing means every one. */
export const resolveProjections = (names?: readonly string[] | 'all'): readonly Projection[] => {
  if (names === undefined || names === 'all') return PROJECTIONS;
  const unknown = names.filter((name) => !PROJECTION_NAMES.includes(name));
  if (unknown.length > 0 || names.length === 0) throw new UnknownProjectionError(unknown, PROJECTION_NAMES);
  return PROJECTIONS.filter((projection) => names.includes(projection.name));
};
