import { createHash } from 'node:crypto';
import type { PolicyDocument } from './policy-document.js';

/**
 * A policy's version is its content: 'sha256:' and the first 12 hex digits of the SHA-256 of the
 * completed document as canonical JSON (object keys sorted at every level, arrays in order, no
 * spaces). Reordering keys in a file keeps the version; changing any value, a name or the
 * description changes it.
 */
export const policyVersion = (policy: PolicyDocument): string =>
  `sha256:${createHash('sha256').update(canonicalJson(policy)).digest('hex').slice(0, 12)}`;

export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value));

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, child]) => child !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, child]) => [key, sortKeys(child)]));
};
