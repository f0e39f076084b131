import { call, headOf, startKamServe, type KamServer, type Problem, type Receipt } from './api-harness.js';

type Run = {
  runId: string;
  status: string;
  accounts: number | null;
  changed: number | null;
  policyVersion: string;
};
type Classification = { toTier: string; policyVersion: string; runId: string; reasons: string[] };

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000).toISOString();

describe('kam serve: evaluation runs over HTTP', () => {
  let server: KamServer;
  const accountIds: string[] = [];

  beforeAll(async () => {
    server = await startKamServe();
    for (let index = 0; index < 6; index += 1) {
      const registered = await call<Receipt>(server, 'POST', '/accounts', {
        body: {
          name: `Account ${index}`,
          industry: 'manufacturing',
          region: 'east',
          occurredAt: daysAgo(400),
        },
      });
      accountIds.push(registered.body.accountId);
      await call(server, 'POST', `/accounts/${registered.body.accountId}/orders`, {
        body: {
          orderId: 'o-1',
          amount: `${(index + 1) * 1000}.00`,
          currency: 'CNY',
          grossProfit: '100.00',
          occurredAt: daysAgo(60),
        },
      });
    }
  }, 90_000);
  afterAll(() => server.stop());

  const waitForEnd = async (runId: string): Promise<Run> => {
    for (;;) {
      const answer = await call<Run>(server, 'GET', `/evaluations/${runId}`);
      expect(answer.status).toBe(200);
      if (answer.body.status === 'done' || answer.body.status === 'failed') return answer.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('previews a run without writing anything', async () => {
    const head = await headOf(server);
    const preview = await call<{ accounts: number; changed: number }>(
      server,
      'POST',
      '/evaluations/dry-run',
      { body: {} },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.accounts).toBe(6);
    expect(preview.body.changed).toBeGreaterThan(0);
    expect(await headOf(server)).toBe(head);
  });

  it('starts a run, reports it, and records each tier change with its policy version', async () => {
    const started = await call<Run>(server, 'POST', '/evaluations', { body: {} });
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(`/evaluations/${started.body.runId}`);
    const run = await waitForEnd(started.body.runId);
    expect(run).toMatchObject({ status: 'done', accounts: 6 });
    expect(run.changed).toBeGreaterThan(0);
    const head = await headOf(server);
    const changes = await call<Classification[]>(
      server,
      'GET',
      `/accounts/${accountIds[5]}/classifications?after=${head}`,
    );
    expect(changes.body).toEqual([
      expect.objectContaining({ runId: run.runId, policyVersion: run.policyVersion }),
    ]);
    const tier = changes.body[0]?.toTier ?? '';
    const inTier = await call<{ items: { accountId: string }[] }>(
      server,
      'GET',
      `/accounts?tier=${encodeURIComponent(tier)}`,
    );
    expect(inTier.body.items.map((item) => item.accountId)).toContain(accountIds[5]);
  });

  it('refuses a future asOf and an invalid policy with 400, naming the field', async () => {
    const future = await call<Problem>(server, 'POST', '/evaluations', { body: { asOf: daysAgo(-30) } });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'asOf', rule: 'not_in_future' })]);
    const policy = await call<Problem>(server, 'POST', '/evaluations', {
      body: { policy: { primary: 'astrology' } },
    });
    expect(policy.status).toBe(400);
    expect(policy.body.errors.length).toBeGreaterThan(0);
    expect(policy.body.errors.every((error) => error.field.startsWith('policy'))).toBe(true);
  });

  it('404 for a run that never ran', async () => {
    expect((await call(server, 'GET', '/evaluations/no-such-run')).status).toBe(404);
  });
});

describe('kam serve: the scheduled evaluation', () => {
  it('announces the schedule and runs it in-process without Redis, recording tier changes', async () => {
    const server = await startKamServe({ env: { KAM_EVALUATION_CRON: '*/2 * * * * *' } });
    try {
      const messages = server
        .output()
        .stderr.split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => (JSON.parse(line) as { msg: string }).msg);
      expect(messages).toContainEqual(
        expect.stringMatching(/^portfolio evaluation scheduled "\*\/2 \* \* \* \* \*" in this process/),
      );
      const registered = await call<Receipt>(server, 'POST', '/accounts', {
        body: { name: 'Scheduled Ltd', industry: 'energy', region: 'north', occurredAt: daysAgo(400) },
      });
      const { accountId } = registered.body;
      await call(server, 'POST', `/accounts/${accountId}/orders`, {
        body: {
          orderId: 'o-1',
          amount: '5000.00',
          currency: 'CNY',
          grossProfit: '500.00',
          occurredAt: daysAgo(30),
        },
      });
      // Waits for the schedule to fire; the test's own timeout bounds it.
      for (;;) {
        const page = await call<{ items: { type: string; metadata: { actor: string } }[] }>(
          server,
          'GET',
          `/accounts/${accountId}/history`,
        );
        const reclassified = page.body.items.find((item) => item.type === 'AccountReclassified');
        if (reclassified !== undefined) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } finally {
      await server.stop();
    }
  }, 90_000);
});
