export * from './decider-specification.js';
export * from './account-fixtures.js';
