export * from './verify/verify-chain.js';
export * from './verify/verify-log.js';
export * from './export/export-events.js';
