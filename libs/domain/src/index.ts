export * from './shared/event.js';
export * from './shared/money.js';
export * from './account/vocabulary.js';
export * from './account/account.events.js';
export * from './account/account.commands.js';
export * from './account/account.state.js';
export * from './account/domain-error.js';
