import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKey } from '@kam/config';
import type { Caller } from '../http/api-request.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Compares the SHA-256 of the presented token with every configured hash in constant time and
 * without stopping at the first match, so response timing says nothing about which key is near.
 */
export const verifyBearer = (keys: readonly ApiKey[], authorization: string | undefined): Caller | null => {
  const token = authorization === undefined ? null : (BEARER.exec(authorization)?.[1] ?? null);
  if (token === null) return null;
  const presented = createHash('sha256').update(token).digest();
  let found: Caller | null = null;
  for (const key of keys) {
    const expected = Buffer.from(key.keySha256, 'hex');
    if (expected.length === presented.length && timingSafeEqual(expected, presented) && found === null) {
      found = { actor: key.name, role: key.role };
    }
  }
  return found;
};
