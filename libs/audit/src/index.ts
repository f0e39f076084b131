export * from './verify/verify-chain.js';
export * from './verify/verify-log.js';
export * from './export/export-events.js';
export * from './as-of/as-of.errors.js';
export * from './as-of/as-of-dates.js';
export { AccountEventCache } from './as-of/account-event-cache.js';
export { accountAsOf, type AccountAsOf, type AsOfOptions } from './as-of/account-as-of.js';
export { runAsOfBenchmark, type AsOfBenchmark } from './bench/as-of.bench.js';
export * from './explain/explain.types.js';
export { explainClassification } from './explain/explain-classification.js';
export {
  ClassificationNotFoundError,
  type ClassificationSelector,
} from './explain/recorded-classifications.js';
export * from './explain/run-catalogue.js';
export * from './replay/replay.types.js';
export { ReplayRequestError } from './replay/replay.errors.js';
export { replayDates, type Cadence } from './replay/replay-dates.js';
export { parseAlteration, type Counterfactual } from './replay/counterfactual.js';
export { runReplay, type ReplayRequest } from './replay/run-replay.js';
export { runReplayBenchmark, type ReplayBenchmark } from './bench/replay.bench.js';
