export * from './verify/verify-chain.js';
export * from './verify/verify-log.js';
export * from './export/export-events.js';
export * from './as-of/as-of.errors.js';
export * from './as-of/as-of-dates.js';
export { AccountEventCache } from './as-of/account-event-cache.js';
export { accountAsOf, type AccountAsOf, type AsOfOptions } from './as-of/account-as-of.js';
export { runAsOfBenchmark, type AsOfBenchmark } from './bench/as-of.bench.js';
