import { createHash } from 'node:crypto';
import { ConfigError, type ApiKey, type ApiRole } from './config.js';

const ROLES: readonly ApiRole[] = ['viewer', 'manager', 'admin'];

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * `name:role:key,...`. Only each key's hash is kept in memory, so a heap dump or a log line of the
 * config never shows a key.
 */
export const parseApiKeys = (value: string | null): readonly ApiKey[] => {
  if (value === null) return [];
  return value.split(',').map((entry, index) => {
    const [name, role, ...rest] = entry.trim().split(':');
    const key = rest.join(':');
    if (!name || !role || key.length === 0) {
      throw new ConfigError('KAM_API_KEYS', `entry ${index + 1} must be name:role:key`);
    }
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new ConfigError(
        'KAM_API_KEYS',
        `entry ${index + 1} has role "${role}"; use viewer, manager or admin`,
      );
    }
    if (key.length < 16) {
      throw new ConfigError(
        'KAM_API_KEYS',
        `entry ${index + 1} ("${name}") has a key shorter than 16 characters`,
      );
    }
    return { name, role: role as ApiRole, keySha256: sha256Hex(key) };
  });
};
