import {
  call,
  headOf,
  historyOf,
  registerAccount,
  startKamServe,
  type KamServer,
  type Problem,
} from './api-harness.js';

const ORDER = {
  orderId: 'o-1',
  amount: '1200.50',
  currency: 'CNY',
  grossProfit: '300.00',
  occurredAt: '2026-01-15T00:00:00Z',
};

const expectProblem = (
  answer: { status: number; headers: Headers; body: unknown },
  status: number,
): Problem => {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = answer.body as Problem;
  expect(problem).toEqual({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    errors: expect.any(Array),
  });
  return problem;
};

const rulesOf = (problem: Problem) => problem.errors.map(({ field, rule }) => ({ field, rule }));

describe('kam serve: every error is a problem document, and nothing is written on a 4xx', () => {
  let server: KamServer;
  let accountId: string;

  beforeAll(async () => {
    server = await startKamServe();
  }, 90_000);
  afterAll(() => server.stop());

  beforeEach(async () => {
    ({ accountId } = await registerAccount(server));
  });

  /** Sends the request and checks that the log did not move. */
  const rejected = async (
    method: string,
    path: string,
    options: Parameters<typeof call>[3],
    status: number,
  ): Promise<Problem> => {
    const before = await headOf(server);
    const problem = expectProblem(await call(server, method, path, options), status);
    expect(await headOf(server)).toBe(before);
    return problem;
  };

  const orders = () => `/accounts/${accountId}/orders`;

  it('400: an unknown field, named', async () => {
    const problem = await rejected('POST', orders(), { body: { ...ORDER, discount: '5' } }, 400);
    expect(rulesOf(problem)).toEqual([{ field: 'discount', rule: 'unknown_field' }]);
  });

  it('400: a wrong type', async () => {
    const problem = await rejected('POST', orders(), { body: { ...ORDER, amount: 1200.5 } }, 400);
    expect(rulesOf(problem)).toContainEqual({ field: 'amount', rule: 'positive_decimal' });
  });

  it('400: a negative amount', async () => {
    const problem = await rejected('POST', orders(), { body: { ...ORDER, amount: '-5.00' } }, 400);
    expect(rulesOf(problem)).toEqual([{ field: 'amount', rule: 'positive_decimal' }]);
  });

  it('400: an unknown currency', async () => {
    const problem = await rejected('POST', orders(), { body: { ...ORDER, currency: 'XYZ' } }, 400);
    expect(rulesOf(problem)).toEqual([{ field: 'currency', rule: 'iso4217' }]);
  });

  it('400: more decimals than the currency has', async () => {
    const problem = await rejected('POST', orders(), { body: { ...ORDER, amount: '10.123' } }, 400);
    expect(rulesOf(problem)).toEqual([{ field: 'amount', rule: 'minor_units' }]);
  });

  it('400: an occurredAt beyond the tolerance into the future', async () => {
    const future = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    const problem = await rejected('POST', orders(), { body: { ...ORDER, occurredAt: future } }, 400);
    expect(rulesOf(problem)).toEqual([{ field: 'occurredAt', rule: 'not_in_future' }]);
  });

  it('400: a date that is not on the calendar', async () => {
    const problem = await rejected('POST', orders(), { body: { ...ORDER, occurredAt: '2026-02-30' } }, 400);
    expect(rulesOf(problem)).toEqual([{ field: 'occurredAt', rule: 'iso8601' }]);
  });

  it('400: a missing field, a nested one and an unknown enum value', async () => {
    const problem = await rejected(
      'POST',
      `/accounts/${accountId}/assessments`,
      { body: { scores: { potential: 101, demonstration: 1, winnability: 1, strength: 1, capability: 1 } } },
      400,
    );
    expect(rulesOf(problem)).toEqual(
      expect.arrayContaining([
        { field: 'scores.potential', rule: 'max' },
        { field: 'scores.acumen', rule: 'integer' },
      ]),
    );
    const stage = await rejected('POST', `/accounts/${accountId}/lifecycle`, { body: { to: 'zenith' } }, 400);
    expect(rulesOf(stage)).toEqual(
      expect.arrayContaining([
        { field: 'to', rule: 'one_of' },
        { field: 'reason', rule: 'required' },
      ]),
    );
  });

  it('400: malformed JSON, a JSON array, an unknown team role, a malformed If-Match', async () => {
    await rejected('POST', orders(), { rawBody: '{"orderId": ' }, 400);
    await rejected('POST', orders(), { rawBody: '[1,2]' }, 400);
    await rejected('PUT', `/accounts/${accountId}/team/captain`, { body: { member: 'x' } }, 400);
    const ifMatch = await rejected(
      'POST',
      orders(),
      { body: ORDER, headers: { 'If-Match': 'yesterday' } },
      400,
    );
    expect(rulesOf(ifMatch)).toEqual([{ field: 'If-Match', rule: 'etag' }]);
  });

  it('400: a body that is not JSON names the body and the rule it broke', async () => {
    const malformed = await rejected('POST', orders(), { rawBody: '{"orderId": ' }, 400);
    expect(rulesOf(malformed)).toEqual([{ field: 'body', rule: 'json' }]);
    const plainText = await rejected(
      'POST',
      orders(),
      { rawBody: JSON.stringify(ORDER), headers: { 'content-type': 'text/plain' } },
      400,
    );
    expect(rulesOf(plainText)).toEqual([{ field: 'body', rule: 'object' }]);
    const empty = await rejected('POST', orders(), { rawBody: '' }, 400);
    expect(rulesOf(empty)).toContainEqual({ field: 'orderId', rule: 'required' });
    await rejected('GET', '/accounts/%FF', {}, 400);
  });

  it('404: an unknown account, an unknown activity, an unknown route', async () => {
    await rejected('POST', '/accounts/no-such-account/orders', { body: ORDER }, 404);
    await rejected(
      'POST',
      `/accounts/${accountId}/activities/nope/completion`,
      { body: { outcome: 'x' } },
      404,
    );
    await rejected('DELETE', `/accounts/${accountId}/team/owner/nobody`, {}, 404);
    await rejected('GET', '/no/such/route', {}, 404);
  });

  it('409: a command that clashes with the account state', async () => {
    const invoice = { invoiceId: 'inv-1', amount: '10.00', currency: 'CNY', dueAt: '2026-02-01' };
    expect((await call(server, 'POST', `/accounts/${accountId}/invoices`, { body: invoice })).status).toBe(
      201,
    );
    await rejected('POST', `/accounts/${accountId}/invoices`, { body: invoice }, 409);
    await rejected('POST', `/accounts/${accountId}/lifecycle`, { body: { to: 'decline', reason: 'r' } }, 409);
    await rejected('POST', `/accounts/${accountId}/win-back`, { body: { reason: 'r' } }, 409);
  });

  it('409: concurrent writers to one account; only the 201s are recorded', async () => {
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, index) =>
        call<Problem>(server, 'POST', orders(), { body: { ...ORDER, orderId: `c-${index}` } }),
      ),
    );
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
    for (const answer of answers.filter((a) => a.status === 409)) {
      expect(answer.body.type).toMatch(/concurrent-change/);
    }
    const recorded = (await historyOf(server, accountId)).filter((item) => item.type === 'OrderRecorded');
    expect(recorded).toHaveLength(answers.filter((a) => a.status === 201).length);
  });

  it('412: If-Match names a revision the account has left; the current one works', async () => {
    expect(
      (await call(server, 'POST', orders(), { body: ORDER, headers: { 'If-Match': '"0"' } })).status,
    ).toBe(201);
    const problem = await rejected(
      'POST',
      orders(),
      { body: { ...ORDER, orderId: 'o-2' }, headers: { 'If-Match': '"0"' } },
      412,
    );
    expect(rulesOf(problem)).toEqual([{ field: 'If-Match', rule: 'current_revision' }]);
    const current = await call(server, 'POST', orders(), {
      body: { ...ORDER, orderId: 'o-2' },
      headers: { 'If-Match': '"1"' },
    });
    expect(current.status).toBe(201);
  });

  it('413: a body over the size limit', async () => {
    await rejected(
      'POST',
      `/accounts/${accountId}/interactions`,
      { body: { kind: 'visit', summary: 'x'.repeat(70_000) } },
      413,
    );
  });

  it('422: a payment for an invoice never issued', async () => {
    const payment = { invoiceId: 'ghost', amount: '1.00', currency: 'CNY' };
    await rejected('POST', `/accounts/${accountId}/payments`, { body: payment }, 422);
  });
});
