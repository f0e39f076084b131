import {
  call,
  historyOf,
  registerAccount,
  startKamServe,
  type KamServer,
  type Problem,
  type Receipt,
} from './api-harness.js';

const ORDER = {
  orderId: 'o-1',
  amount: '1200.50',
  currency: 'CNY',
  grossProfit: '300.00',
  occurredAt: '2026-01-15T00:00:00Z',
};

describe('kam serve: one endpoint per account command', () => {
  let server: KamServer;
  beforeAll(async () => {
    server = await startKamServe();
  }, 90_000);
  afterAll(() => server.stop());

  it('registers an account with a server-chosen id at revision 0', async () => {
    const answer = await call<Receipt>(server, 'POST', '/accounts', {
      body: { name: 'Acme Tooling', industry: 'manufacturing', region: 'east' },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.accountId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body.revision).toBe(0);
    expect(answer.body.position).toMatch(/^\d+$/);
    const [registered] = await historyOf(server, answer.body.accountId);
    expect(registered?.type).toBe('AccountRegistered');
    expect(registered?.data).toMatchObject({
      name: 'Acme Tooling',
      industry: 'manufacturing',
      region: 'east',
    });
  });

  it('records the fixed order exchange and answers its revision and position', async () => {
    const { accountId, position } = await registerAccount(server);
    const answer = await call<Receipt>(server, 'POST', `/accounts/${accountId}/orders`, { body: ORDER });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ accountId, revision: 1, position: expect.stringMatching(/^\d+$/) });
    expect(BigInt(answer.body.position)).toBeGreaterThan(BigInt(position));
    const order = (await historyOf(server, accountId))[1];
    expect(order?.data).toMatchObject({
      orderId: 'o-1',
      amount: { amount: '1200.50', currency: 'CNY' },
      grossProfit: { amount: '300.00', currency: 'CNY' },
      channel: 'direct',
      occurredAt: '2026-01-15T00:00:00Z',
    });
  });

  it('records the same orderId once: the repeat answers the same revision', async () => {
    const { accountId } = await registerAccount(server);
    const first = await call<Receipt>(server, 'POST', `/accounts/${accountId}/orders`, { body: ORDER });
    const again = await call<Receipt>(server, 'POST', `/accounts/${accountId}/orders`, { body: ORDER });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await historyOf(server, accountId)).toHaveLength(2);
  });

  it('walks an account through every command endpoint, each recorded in order', async () => {
    const { accountId } = await registerAccount(server);
    const at = (path: string) => `/accounts/${accountId}${path}`;
    const steps: [string, string, unknown, number][] = [
      ['PUT', at('/profile'), { organisationScale: 'large', employees: 1200, financialStatus: 'sound' }, 200],
      ['POST', at('/orders'), ORDER, 201],
      [
        'POST',
        at('/invoices'),
        { invoiceId: 'inv-1', amount: '1200.50', currency: 'CNY', dueAt: '2026-02-15' },
        201,
      ],
      [
        'POST',
        at('/payments'),
        { invoiceId: 'inv-1', amount: '1200.50', currency: 'CNY', occurredAt: '2026-02-20' },
        201,
      ],
      ['PUT', at('/payment-terms'), { mode: 'open_credit_with_guarantee', creditDays: 30 }, 200],
      [
        'POST',
        at('/assessments'),
        {
          scores: {
            potential: 80,
            demonstration: 60,
            winnability: 70,
            strength: 75,
            capability: 65,
            acumen: 90,
          },
        },
        201,
      ],
      ['PUT', at('/team/owner'), { member: 'li.wei' }, 200],
      ['PUT', at('/team/solution_sales'), { member: 'zhang.min' }, 200],
      ['DELETE', at('/team/solution_sales/zhang.min'), undefined, 200],
      ['POST', at('/lifecycle'), { to: 'churn', reason: 'lost to a competitor', override: true }, 201],
      ['POST', at('/win-back'), { reason: 'new plant, new orders' }, 201],
      [
        'POST',
        at('/interactions'),
        { kind: 'visit', scenario: 'pre_sales', summary: 'met the buyer', participants: ['li.wei'] },
        201,
      ],
      [
        'POST',
        at('/activities'),
        { activityId: 'a-1', title: 'joint plan', strategy: 'penetration', dueAt: '2026-06-30' },
        201,
      ],
      ['POST', at('/activities/a-1/review'), { evaluation: 'on track', revisedDueAt: '2026-07-31' }, 201],
      ['POST', at('/activities/a-1/completion'), { outcome: 'signed the frame contract' }, 201],
    ];
    let revision = 0;
    for (const [method, path, body, status] of steps) {
      const answer = await call<Receipt>(server, method, path, {
        body,
        headers: { 'X-Reason': `step ${revision + 1}` },
      });
      expect({ path, status: answer.status }).toEqual({ path, status });
      revision += 1;
      expect(answer.body.revision).toBe(revision);
    }
    const history = await historyOf(server, accountId);
    expect(history.map((item) => item.type)).toEqual([
      'AccountRegistered',
      'AccountProfileUpdated',
      'OrderRecorded',
      'InvoiceIssued',
      'PaymentReceived',
      'PaymentTermsAgreed',
      'AssessmentRecorded',
      'TeamMemberAssigned',
      'TeamMemberAssigned',
      'TeamMemberUnassigned',
      'LifecycleStageChanged',
      'AccountWonBack',
      'InteractionLogged',
      'KeyActivityPlanned',
      'KeyActivityReviewed',
      'KeyActivityCompleted',
    ]);
    expect(history[1]?.metadata).toMatchObject({ actor: 'local', reason: 'step 1' });
    expect(history[5]?.data).toMatchObject({
      riskGrade: 'fairly_safe_conditionally_controllable',
      creditDays: 30,
    });
    expect(history[6]?.data).toMatchObject({ assessor: 'local' });
  });

  it('answers generated interaction and activity ids so they can be referred to', async () => {
    const { accountId } = await registerAccount(server);
    const planned = await call<Receipt & { activityId: string }>(
      server,
      'POST',
      `/accounts/${accountId}/activities`,
      {
        body: { title: 'alliance with the distributor', strategy: 'alliance', dueAt: '2026-09-30' },
      },
    );
    expect(planned.status).toBe(201);
    const done = await call<Receipt>(
      server,
      'POST',
      `/accounts/${accountId}/activities/${planned.body.activityId}/completion`,
      {
        body: { outcome: 'done' },
      },
    );
    expect(done.status).toBe(201);
    const logged = await call<Receipt & { interactionId: string }>(
      server,
      'POST',
      `/accounts/${accountId}/interactions`,
      {
        body: { kind: 'call', summary: 'follow-up' },
      },
    );
    expect(logged.body.interactionId).toMatch(/\S/);
  });

  it('takes the correlation id from X-Correlation-Id, echoes it and records it', async () => {
    const answer = await call<Receipt>(server, 'POST', '/accounts', {
      body: { name: 'Correlated', industry: 'retail', region: 'north' },
      headers: { 'X-Correlation-Id': 'crm-sync-42' },
    });
    expect(answer.headers.get('x-correlation-id')).toBe('crm-sync-42');
    const [registered] = await historyOf(server, answer.body.accountId);
    expect(registered?.metadata.correlationId).toBe('crm-sync-42');
    const generated = await call(server, 'GET', '/health');
    expect(generated.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records a reason field, or X-Reason, as the event metadata reason', async () => {
    const { accountId } = await registerAccount(server);
    await call(server, 'POST', `/accounts/${accountId}/orders`, {
      body: { ...ORDER, reason: 'ERP backfill' },
    });
    const history = await historyOf(server, accountId);
    expect(history[1]?.metadata.reason).toBe('ERP backfill');
  });

  it('pages the history and filters it by type and time', async () => {
    const { accountId } = await registerAccount(server);
    for (const [index, month] of ['01', '02', '03', '04'].entries()) {
      await call(server, 'POST', `/accounts/${accountId}/orders`, {
        body: { ...ORDER, orderId: `o-${index}`, occurredAt: `2026-${month}-10T00:00:00Z` },
      });
    }
    type Page = { items: { type: string; revision: number }[]; next: string | null };
    const first = await call<Page>(server, 'GET', `/accounts/${accountId}/history?limit=2`);
    expect(first.body.items.map((item) => item.revision)).toEqual([0, 1]);
    const second = await call<Page>(
      server,
      'GET',
      `/accounts/${accountId}/history?limit=2&cursor=${first.body.next}`,
    );
    expect(second.body.items.map((item) => item.revision)).toEqual([2, 3]);
    const last = await call<Page>(
      server,
      'GET',
      `/accounts/${accountId}/history?limit=2&cursor=${second.body.next}`,
    );
    expect(last.body).toEqual({ items: [expect.objectContaining({ revision: 4 })], next: null });
    const spring = await call<Page>(
      server,
      'GET',
      `/accounts/${accountId}/history?type=OrderRecorded&from=2026-02-01&to=2026-04-01`,
    );
    expect(spring.body.items.map((item) => item.revision)).toEqual([2, 3]);
    const unknown = await call<Problem>(server, 'GET', `/accounts/no-such-account/history`);
    expect(unknown.status).toBe(404);
  });
});
