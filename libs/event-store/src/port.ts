/**
 * The port and its errors alone, without any adapter: what store-agnostic code (the command path)
 * imports, so a worker thread that loads it does not load the PostgreSQL and EventStoreDB clients.
 */
export * from './event-store.port.js';
export * from './event-store.errors.js';
