import { cny, openTestLedger, type TestLedger } from '../testing/test-ledger.js';
import { AccountEventCache } from './account-event-cache.js';
import { accountAsOf } from './account-as-of.js';
import { AccountNotFoundError, AccountNotYetRegisteredError } from './as-of.errors.js';

const order = (orderId: string, occurredAt: string, amount: string) =>
  ({ accountId: 'acme', occurredAt, orderId, amount: cny(amount), grossProfit: cny('100.00') }) as const;

/** Facts recorded at each month's close; one order recorded six weeks late. */
const recordAcme = async (ledger: TestLedger): Promise<void> => {
  ledger.at('2024-01-31T23:00:00Z');
  const where = { industry: 'manufacturing', region: 'east' };
  await ledger.send('RegisterAccount', {
    accountId: 'acme',
    occurredAt: '2024-01-10',
    name: 'Acme',
    ...where,
  });
  ledger.at('2024-02-29T23:00:00Z');
  await ledger.send('RecordOrder', order('o-1', '2024-02-05', '1000.00'));
  ledger.at('2024-03-31T23:00:00Z');
  await ledger.send('RecordOrder', order('o-2', '2024-03-10T08:00:00Z', '2000.00'));
  ledger.at('2024-04-01T02:00:00Z');
  await ledger.send('ReclassifyAccount', {
    accountId: 'acme',
    occurredAt: '2024-03-31T23:59:59.999Z',
    tier: 'key',
    score: 71.5,
    components: { sales: 71.5 },
    reasons: ['test'],
    policyId: 'p',
    policyVersion: 'sha256:000000000000',
    runId: 'run-1',
  });
  ledger.at('2024-05-15T10:00:00Z');
  await ledger.send('RecordOrder', order('o-late', '2024-03-20', '3000.00'));
};

describe('accountAsOf: the account on a past date, by business time and by log time', () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger('kam-as-of');
    await recordAcme(ledger);
  });
  afterAll(() => ledger.close());

  it('counts every fact that happened by the date, including one recorded later', async () => {
    const view = await accountAsOf(ledger.store, 'acme', { asOf: '2024-03-31' });
    expect(view).toMatchObject({ name: 'Acme', tier: 'key', score: 71.5, revenue12m: 6000, orders12m: 3 });
    expect(view.revision).toBe(4);
    expect(view.asOf).toBe('2024-03-31T23:59:59.999Z');
  });

  it('leaves out what the engine had not recorded yet when knownAt is given', async () => {
    const view = await accountAsOf(ledger.store, 'acme', { asOf: '2024-03-31', knownAt: '2024-04-30' });
    expect(view).toMatchObject({
      tier: 'key',
      revenue12m: 3000,
      orders12m: 2,
      knownAt: '2024-04-30T23:59:59.999Z',
    });
    expect(view.revision).toBe(3);
    const before = await accountAsOf(ledger.store, 'acme', {
      asOf: '2024-03-31',
      knownAt: '2024-03-31T23:30:00Z',
    });
    expect(before).toMatchObject({ tier: null, score: null, revenue12m: 3000, revision: 2 });
  });

  it('shows the tier in force on the date, not the latest one', async () => {
    const view = await accountAsOf(ledger.store, 'acme', { asOf: '2024-03-15' });
    expect(view).toMatchObject({ tier: null, revenue12m: 3000, lastOrderAt: '2024-03-10T08:00:00.000Z' });
  });

  it('refuses a date before the account existed, naming when it was registered', async () => {
    const asked = accountAsOf(ledger.store, 'acme', { asOf: '2023-12-31' });
    await expect(asked).rejects.toBeInstanceOf(AccountNotYetRegisteredError);
    await expect(asked).rejects.toThrow(/registered on 2024-01-10/);
    const unknown = accountAsOf(ledger.store, 'acme', { asOf: '2024-02-01', knownAt: '2024-01-20' });
    await expect(unknown).rejects.toThrow(/not known on 2024-01-20.*recorded on 2024-01-31/);
    await expect(accountAsOf(ledger.store, 'nobody', {})).rejects.toBeInstanceOf(AccountNotFoundError);
  });

  it('answers the same from its fold cache and sees events appended since', async () => {
    const cache = new AccountEventCache(ledger.store);
    const direct = await accountAsOf(ledger.store, 'acme', { asOf: '2024-06-30' });
    await expect(accountAsOf(ledger.store, 'acme', { asOf: '2024-06-30' }, { cache })).resolves.toEqual(
      direct,
    );
    ledger.at('2024-06-30T23:00:00Z');
    await ledger.send('RecordOrder', order('o-4', '2024-06-01', '500.00'));
    const after = await accountAsOf(ledger.store, 'acme', { asOf: '2024-06-30' }, { cache });
    expect(after.revenue12m).toBe(6500);
  });
});
