export * from './projection.errors.js';
export type { ReadModels } from './read-models.js';
export { openSqliteReadModels, type SqliteReadModelsOptions } from './sqlite/open-sqlite-read-models.js';
export { SqliteProjectionBackend } from './sqlite/sqlite-projection.backend.js';
export type { ProjectionBackend } from './runner/projection-backend.js';
export { threadEntry, type ThreadEntry } from './runner/thread-entry.js';
export { ensureReadModelSchema, type ReadModelDatabase } from './schema/read-model.database.js';
export { PROJECTION_NAMES } from './model/projection-registry.js';
export type { AccountSummaryRow } from './model/account-summary.table.js';
export type { AccountMetricsMonthlyRow } from './model/account-metrics-monthly.projection.js';
export type { ReceivableRow } from './model/receivables.projection.js';
export type { ClassificationHistoryRow } from './model/classification-history.projection.js';
export type { LifecycleHistoryRow } from './model/lifecycle-history.projection.js';
export {
  runProjections,
  DEFAULT_BATCH_SIZE,
  type RunProjectionsOptions,
  type RunResult,
} from './runner/projection-runner.js';
export {
  startFollowerThread,
  type FollowerThread,
  type FollowerThreadOptions,
} from './runner/follower-thread.js';
export {
  rebuildProjections,
  type RebuildOptions,
  type RebuildProgress,
  type RebuildResult,
} from './runner/rebuild.js';
export {
  projectionStatus,
  waitForPosition,
  type ProjectionStatus,
  type WaitOptions,
} from './queries/status.query.js';
export {
  listAccounts,
  getAccount,
  prepareAccountReader,
  type AccountReader,
  type AccountPage,
  type AccountSort,
  type ListAccountsQuery,
} from './queries/accounts.query.js';
export type { AccountListItem, AccountView } from './queries/account-views.js';
export { portfolio, UNCLASSIFIED, type PortfolioView } from './queries/portfolio.query.js';
export type { Pareto } from './queries/pareto.js';
export {
  classificationHistory,
  lifecycleHistory,
  type ClassificationChange,
  type StageChange,
} from './queries/history.query.js';
export { loadPortfolioSnapshot, type SnapshotOptions } from './queries/portfolio-snapshot.query.js';
export { runRebuildBenchmark, type RebuildBenchmark } from './bench/rebuild.bench.js';

// The pure folds, for code that builds the same models in memory (the audit's as-of views and replays).
export {
  toInstant,
  toProjectedEvent,
  monthOf,
  type Envelope,
  type ProjectedEvent,
} from './model/projected-event.js';
export { accountSummaryProjection, evolveAccountSummary } from './model/account-summary.projection.js';
export {
  accountMetricsMonthlyProjection,
  evolveAccountMetricsMonthly,
} from './model/account-metrics-monthly.projection.js';
export { evolveReceivable, receivablesProjection } from './model/receivables.projection.js';
export { classificationHistoryProjection } from './model/classification-history.projection.js';
export { lifecycleHistoryProjection } from './model/lifecycle-history.projection.js';
export { PROJECTIONS, resolveProjections } from './model/projection-registry.js';
export type { Projection, Row, SqlValue, TableSpec } from './model/table-spec.js';
export { toAccountView } from './queries/account-views.js';
export { parseJson, trailingMonths } from './queries/read-snapshot.js';
export { toTotals, type WindowTotals } from './queries/window-totals.js';
export { amountE4, fromE4 } from './model/amount-value.js';
