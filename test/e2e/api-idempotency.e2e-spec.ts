import { tempDataDir } from '@kam/test-support';
import {
  call,
  headOf,
  historyOf,
  registerAccount,
  startKamServe,
  type KamServer,
  type Problem,
  type Receipt,
} from './api-harness.js';

const ORDER = {
  orderId: 'o-1',
  amount: '99.00',
  currency: 'CNY',
  grossProfit: '9.00',
  occurredAt: '2026-03-01',
};

describe('kam serve: Idempotency-Key returns the first answer and writes nothing more', () => {
  const dataDir = tempDataDir('kam-api-idem');
  let server: KamServer;

  beforeAll(async () => {
    server = await startKamServe({ dataDir });
  }, 90_000);
  afterAll(() => server.stop());

  it('a retried registration answers the same account, registered once', async () => {
    const request = {
      body: { name: 'Retry Ltd', industry: 'retail', region: 'west' },
      headers: { 'Idempotency-Key': 'reg-1' },
    };
    const first = await call<Receipt>(server, 'POST', '/accounts', request);
    const head = await headOf(server);
    const retry = await call<Receipt>(server, 'POST', '/accounts', request);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await headOf(server)).toBe(head);
    expect(await historyOf(server, first.body.accountId)).toHaveLength(1);
  });

  it('the same key with a different body is refused with 422 and writes nothing', async () => {
    const { accountId } = await registerAccount(server);
    const path = `/accounts/${accountId}/orders`;
    await call(server, 'POST', path, { body: ORDER, headers: { 'Idempotency-Key': 'ord-1' } });
    const head = await headOf(server);
    const other = await call<Problem>(server, 'POST', path, {
      body: { ...ORDER, orderId: 'o-2' },
      headers: { 'Idempotency-Key': 'ord-1' },
    });
    expect(other.status).toBe(422);
    expect(other.body.errors).toEqual([
      expect.objectContaining({ field: 'Idempotency-Key', rule: 'same_request' }),
    ]);
    expect(await headOf(server)).toBe(head);
    expect(await historyOf(server, accountId)).toHaveLength(2);
  });

  it('a rejected request is not remembered: fixed and retried with the same key, it is recorded', async () => {
    const { accountId } = await registerAccount(server);
    const path = `/accounts/${accountId}/orders`;
    const bad = await call(server, 'POST', path, {
      body: { ...ORDER, currency: 'ZZZ' },
      headers: { 'Idempotency-Key': 'fix-1' },
    });
    expect(bad.status).toBe(400);
    const good = await call(server, 'POST', path, { body: ORDER, headers: { 'Idempotency-Key': 'fix-1' } });
    expect(good.status).toBe(201);
  });

  it('keys survive a restart of kam serve', async () => {
    const { accountId } = await registerAccount(server);
    const path = `/accounts/${accountId}/orders`;
    const request = { body: ORDER, headers: { 'Idempotency-Key': 'restart-1' } };
    const first = await call<Receipt>(server, 'POST', path, request);
    expect(await server.stop()).toBe(0);
    server = await startKamServe({ dataDir });
    const retry = await call<Receipt>(server, 'POST', path, request);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await historyOf(server, accountId)).toHaveLength(2);
  }, 90_000);
});
