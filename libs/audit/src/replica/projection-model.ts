/**
 * The projections' pure parts that the audit folds over in memory, so an as-of view or a replayed
 * portfolio is built by exactly the rules that build the read models. Deep imports until
 * `@kam/projections` exports these; this is the one file to change when it does.
 */
export {
  toInstant,
  toProjectedEvent,
  type ProjectedEvent,
} from '../../../projections/src/model/projected-event.js';
export {
  accountSummaryProjection,
  evolveAccountSummary,
} from '../../../projections/src/model/account-summary.projection.js';
export type { AccountSummaryRow } from '../../../projections/src/model/account-summary.table.js';
export {
  accountMetricsMonthlyProjection,
  evolveAccountMetricsMonthly,
  type AccountMetricsMonthlyRow,
} from '../../../projections/src/model/account-metrics-monthly.projection.js';
export {
  evolveReceivable,
  receivablesProjection,
  type ReceivableRow,
} from '../../../projections/src/model/receivables.projection.js';
export {
  classificationHistoryProjection,
  type ClassificationHistoryRow,
} from '../../../projections/src/model/classification-history.projection.js';
export {
  lifecycleHistoryProjection,
  type LifecycleHistoryRow,
} from '../../../projections/src/model/lifecycle-history.projection.js';
export { toAccountView, type AccountView } from '../../../projections/src/queries/account-views.js';
export { parseJson, trailingMonths } from '../../../projections/src/queries/read-snapshot.js';
export { toTotals, type WindowTotals } from '../../../projections/src/queries/window-totals.js';
export { fromE4 } from '../../../projections/src/model/amount-value.js';
