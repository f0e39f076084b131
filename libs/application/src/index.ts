export * from './command-path.js';
export * from './nest/tokens.js';
export * from './nest/execute-account-command.js';
export * from './nest/execute-account-command.handler.js';
export * from './nest/event-store.factory.js';
export * from './nest/kam-core.module.js';
