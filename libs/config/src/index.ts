export * from './config.js';
export * from './api-keys.js';
