import fc from 'fast-check';
import { call, headOf, registerAccount, startKamServe, type KamServer } from './api-harness.js';

type Endpoint = Readonly<{
  method: string;
  path: (accountId: string) => string;
  body: Record<string, unknown> | undefined;
}>;

const ENDPOINTS: readonly Endpoint[] = [
  { method: 'POST', path: () => '/accounts', body: { name: 'Fuzz Ltd', industry: 'retail', region: 'east' } },
  {
    method: 'PUT',
    path: (id) => `/accounts/${id}/profile`,
    body: { employees: 10, financialStatus: 'sound' },
  },
  {
    method: 'POST',
    path: (id) => `/accounts/${id}/orders`,
    body: { orderId: 'f-1', amount: '10.00', currency: 'CNY', grossProfit: '1.00', occurredAt: '2026-01-15' },
  },
  {
    method: 'POST',
    path: (id) => `/accounts/${id}/invoices`,
    body: { invoiceId: 'fi-1', amount: '10.00', currency: 'CNY', dueAt: '2026-02-01' },
  },
  {
    method: 'POST',
    path: (id) => `/accounts/${id}/payments`,
    body: { invoiceId: 'inv-open', amount: '5.00', currency: 'CNY' },
  },
  {
    method: 'PUT',
    path: (id) => `/accounts/${id}/payment-terms`,
    body: { mode: 'open_credit', creditDays: 30 },
  },
  {
    method: 'POST',
    path: (id) => `/accounts/${id}/assessments`,
    body: {
      scores: { potential: 1, demonstration: 2, winnability: 3, strength: 4, capability: 5, acumen: 6 },
    },
  },
  { method: 'PUT', path: (id) => `/accounts/${id}/team/owner`, body: { member: 'fuzzer' } },
  { method: 'DELETE', path: (id) => `/accounts/${id}/team/other/nobody`, body: undefined },
  { method: 'POST', path: (id) => `/accounts/${id}/lifecycle`, body: { to: 'growth', reason: 'fuzz' } },
  { method: 'POST', path: (id) => `/accounts/${id}/win-back`, body: { reason: 'fuzz' } },
  { method: 'POST', path: (id) => `/accounts/${id}/interactions`, body: { kind: 'visit', summary: 'fuzz' } },
  {
    method: 'POST',
    path: (id) => `/accounts/${id}/activities`,
    body: { title: 'fuzz', strategy: 'alliance', dueAt: '2026-12-31' },
  },
  { method: 'POST', path: (id) => `/accounts/${id}/activities/a-open/completion`, body: { outcome: 'fuzz' } },
  { method: 'POST', path: (id) => `/accounts/${id}/activities/a-open/review`, body: { evaluation: 'fuzz' } },
];

/** Mostly absent: a fuzzed header should not hide the fuzzed body behind its own 400. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, weight = 1) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary, weight });

const headerText = fc.string({
  unit: fc.constantFrom(
    ...' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~',
  ),
  maxLength: 40,
});

/** A valid body with one thing broken, or something that was never a body. */
const mutatedBody = (valid: Record<string, unknown> | undefined) => {
  const base = valid ?? {};
  const keys = Object.keys(base);
  return fc.oneof(
    { arbitrary: fc.constant(valid), weight: 3 },
    keys.length === 0
      ? fc.constant(base)
      : fc
          .record({ key: fc.constantFrom(...keys), value: fc.anything() })
          .map(({ key, value }) => ({ ...base, [key]: value })),
    keys.length === 0
      ? fc.constant(base)
      : fc
          .constantFrom(...keys)
          .map((key) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key))),
    fc
      .record({ key: fc.string({ minLength: 1, maxLength: 12 }), value: fc.anything() })
      .map(({ key, value }) => ({
        ...base,
        [key]: value,
      })),
    fc.anything(),
  );
};

const request = fc
  .record({
    endpoint: fc.constantFrom(...ENDPOINTS),
    realAccount: fc.boolean(),
    strangeId: fc.string({ minLength: 1, maxLength: 20 }),
    headers: fc
      .record({
        'If-Match': sometimes(
          fc.oneof(
            headerText,
            fc.nat(40).map((n) => `"${n}"`),
          ),
        ),
        'Idempotency-Key': sometimes(fc.oneof(headerText, fc.uuid())),
        'X-Reason': sometimes(headerText),
        'X-Correlation-Id': sometimes(headerText),
      })
      .map(
        (all) =>
          Object.fromEntries(Object.entries(all).filter(([, value]) => value !== null)) as Record<
            string,
            string
          >,
      ),
    raw: sometimes(fc.string({ maxLength: 60 })),
  })
  .chain((parts) => mutatedBody(parts.endpoint.body).map((body) => ({ ...parts, body })));

describe('kam serve under fuzzed command requests', () => {
  let server: KamServer;
  let accountId: string;

  beforeAll(async () => {
    server = await startKamServe({ args: ['--rate-limit', '0'] });
    ({ accountId } = await registerAccount(server));
    await call(server, 'POST', `/accounts/${accountId}/invoices`, {
      body: { invoiceId: 'inv-open', amount: '100.00', currency: 'CNY', dueAt: '2026-02-01' },
    });
    await call(server, 'POST', `/accounts/${accountId}/activities`, {
      body: { activityId: 'a-open', title: 'open', strategy: 'penetration', dueAt: '2026-12-31' },
    });
  }, 90_000);
  afterAll(() => server.stop());

  it('never answers 5xx, and a rejected request writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ endpoint, realAccount, strangeId, headers, raw, body }) => {
        const id = realAccount ? accountId : encodeURIComponent(strangeId);
        const before = await headOf(server);
        const options = raw === null ? { body, headers } : { rawBody: raw, headers };
        const answer = await call(server, endpoint.method, endpoint.path(id), options);
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400) {
          expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(await headOf(server)).toBe(before);
        }
      }),
      { numRuns: 200 },
    );
  }, 300_000);
});
