export * from './run-kam.js';
export * from './event-store-contract.js';
export * from './esdb-stand-in/esdb-stand-in.server.js';
export * from './demo-twins.js';
export * from './silent-server.js';
