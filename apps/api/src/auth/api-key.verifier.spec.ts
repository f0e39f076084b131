import { parseApiKeys } from '@kam/config';
import { verifyBearer } from './api-key.verifier.js';

describe('verifyBearer', () => {
  const keys = parseApiKeys('crm:manager:manager-key-0123456789,ops:admin:admin-key-0123456789abc');

  it('names the caller whose key hashes to a configured hash', () => {
    expect(verifyBearer(keys, 'Bearer manager-key-0123456789')).toEqual({ actor: 'crm', role: 'manager' });
    expect(verifyBearer(keys, 'bearer   admin-key-0123456789abc')).toEqual({ actor: 'ops', role: 'admin' });
  });

  it('refuses a missing, malformed, other-scheme or unknown token', () => {
    for (const header of [
      undefined,
      '',
      'Bearer',
      'Basic manager-key-0123456789',
      'Bearer manager-key-01234567890',
    ]) {
      expect(verifyBearer(keys, header)).toBeNull();
    }
  });
});
