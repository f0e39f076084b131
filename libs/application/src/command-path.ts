/**
 * The command path without its Nest shell: what a worker thread that only appends needs. Nest and
 * its modules cost a thread about half a second of CPU to load, for nothing it uses.
 */
export * from './command-context.js';
export * from './deterministic-id.js';
export * from './hash-chain.js';
export * from './account-repository.js';
export * from './handle-account-command.js';
