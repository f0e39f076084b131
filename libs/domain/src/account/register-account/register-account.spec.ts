import { accountSpec, command, event, registered } from '../../testing/account-fixtures.js';

const register = (extra: Partial<Parameters<typeof command<'RegisterAccount'>>[1]> = {}) =>
  command('RegisterAccount', { name: 'Acme Tooling', industry: 'manufacturing', region: 'east', ...extra });

describe('RegisterAccount', () => {
  it('registers a new account, with no source unless one is given', () => {
    accountSpec.given([]).when(register()).then([registered()]);
    accountSpec
      .given([])
      .when(register({ source: 'trade fair' }))
      .then([event('AccountRegistered', { ...registered().data, source: 'trade fair' })]);
  });

  it('refuses to register the same account twice', () => {
    accountSpec.given([registered()]).when(register()).thenThrows('account_already_registered');
  });

  it('needs a name, an industry and a region', () => {
    accountSpec
      .given([])
      .when(register({ name: '', industry: '  ', region: undefined as unknown as string, source: '' }))
      .thenThrows('invalid_field', [
        { field: 'name', rule: 'required' },
        { field: 'industry', rule: 'required' },
        { field: 'region', rule: 'required' },
        { field: 'source', rule: 'required' },
      ]);
  });

  it('needs an account id and a real date', () => {
    accountSpec
      .given([])
      .when(register({ accountId: '', occurredAt: '2026-02-30' }))
      .thenThrows('invalid_field', [
        { field: 'accountId', rule: 'required' },
        { field: 'occurredAt', rule: 'iso8601' },
      ]);
  });
});
