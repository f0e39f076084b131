import { call, startKamServe, type KamServer, type Problem, type Receipt } from './api-harness.js';

type AccountView = {
  accountId: string;
  name: string;
  stage: string;
  revenue12m: number;
  owner: string | null;
  revision: number;
};
type AccountList = { items: AccountView[]; next: string | null };

const order = (orderId: string, amount: string) => ({
  orderId,
  amount,
  currency: 'CNY',
  grossProfit: '10.00',
  occurredAt: new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString(),
});

describe('kam serve: queries over the read models, kept current by the in-process runner', () => {
  let server: KamServer;
  const ids: Record<string, string> = {};
  let lastPosition = '0';

  beforeAll(async () => {
    server = await startKamServe();
    for (const [name, region, amount, owner] of [
      ['Alpha Steel', 'east', '5000.00', 'li.wei'],
      ['Beta Foods', 'west', '300.00', 'li.wei'],
      ['Gamma Power', 'east', '12000.00', 'zhang.min'],
    ] as const) {
      const registered = await call<Receipt>(server, 'POST', '/accounts', {
        body: { name, industry: 'manufacturing', region },
      });
      ids[name] = registered.body.accountId;
      await call(server, 'POST', `/accounts/${registered.body.accountId}/orders`, {
        body: order(`${name}-1`, amount),
      });
      const assigned = await call<Receipt>(
        server,
        'PUT',
        `/accounts/${registered.body.accountId}/team/owner`,
        {
          body: { member: owner },
        },
      );
      lastPosition = assigned.body.position;
    }
  }, 90_000);
  afterAll(() => server.stop());

  it('reads its own write with ?after=<position>, with the revision as ETag', async () => {
    const registered = await call<Receipt>(server, 'POST', '/accounts', {
      body: { name: 'Delta Chemicals', industry: 'chemicals', region: 'north' },
    });
    const { accountId } = registered.body;
    const recorded = await call<Receipt>(server, 'POST', `/accounts/${accountId}/orders`, {
      body: order('d-1', '1200.50'),
    });
    const answer = await call<AccountView>(
      server,
      'GET',
      `/accounts/${accountId}?after=${recorded.body.position}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBe(`"${recorded.body.revision}"`);
    expect(answer.body).toMatchObject({
      accountId,
      name: 'Delta Chemicals',
      stage: 'acquisition',
      revenue12m: 1200.5,
      revision: 1,
    });
    const unchanged = await call(server, 'GET', `/accounts/${accountId}`, {
      headers: { 'If-None-Match': '"1"' },
    });
    expect(unchanged.status).toBe(304);
  });

  it('matches paths as Express did: in any case and with a trailing slash; ids keep their case', async () => {
    const accountId = ids['Alpha Steel'] ?? '';
    const tolerant = await call<AccountView>(server, 'GET', `/Accounts/${accountId}/`);
    expect(tolerant.status).toBe(200);
    expect(tolerant.body.accountId).toBe(accountId);
    const otherCase = await call<Problem>(server, 'GET', `/accounts/${accountId.toUpperCase()}`);
    expect(otherCase.status).toBe(404);
    const longId = await call<Problem>(server, 'GET', `/accounts/${'%C3%A9'.repeat(200)}`);
    expect(longId.status).toBe(404);
    expect(longId.body.type).toMatch(/not-found/);
  });

  it('answers 504 when the read models do not reach the position in time', async () => {
    const answer = await call<Problem>(
      server,
      'GET',
      `/accounts/${ids['Alpha Steel']}?after=999999&timeoutMs=200`,
    );
    expect(answer.status).toBe(504);
    expect(answer.body.type).toMatch(/read-model-timeout/);
  });

  it('lists accounts filtered by region and owner, sorted, in cursor pages', async () => {
    const east = await call<AccountList>(
      server,
      'GET',
      `/accounts?region=east&sort=revenue12m&after=${lastPosition}`,
    );
    expect(east.body.items.map((item) => item.name)).toEqual(['Gamma Power', 'Alpha Steel']);
    const owned = await call<AccountList>(server, 'GET', '/accounts?owner=li.wei');
    expect(owned.body.items.map((item) => item.name)).toEqual(['Alpha Steel', 'Beta Foods']);
    const none = await call<AccountList>(server, 'GET', '/accounts?tier=strategic&industry=manufacturing');
    expect(none.body).toEqual({ items: [], next: null });
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page = await call<AccountList>(server, 'GET', `/accounts?industry=manufacturing&limit=2${query}`);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      names.push(...page.body.items.map((item) => item.name));
      cursor = page.body.next;
    } while (cursor !== null);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['Alpha Steel', 'Beta Foods', 'Gamma Power']));
  });

  it('refuses unknown query parameters, bad values and foreign cursors with 400', async () => {
    for (const query of [
      'colour=red',
      'stage=zenith',
      'limit=0',
      'sort=height',
      'cursor=not-a-cursor',
      'after=-1',
    ]) {
      const answer = await call<Problem>(server, 'GET', `/accounts?${query}`);
      expect({ query, status: answer.status }).toEqual({ query, status: 400 });
    }
  });

  it('404 for an account the read models do not hold', async () => {
    expect((await call(server, 'GET', '/accounts/no-such-account')).status).toBe(404);
    expect((await call(server, 'GET', '/accounts/no-such-account/classifications')).status).toBe(404);
  });

  it('lists an account classifications (none before any evaluation)', async () => {
    const answer = await call(server, 'GET', `/accounts/${ids['Beta Foods']}/classifications`);
    expect(answer).toMatchObject({ status: 200, body: [] });
  });

  it('summarises the portfolio: stages, tiers and the Pareto curve', async () => {
    const answer = await call<{
      accounts: number;
      stages: Record<string, number>;
      tiers: Record<string, { count: number }>;
      pareto: unknown;
    }>(server, 'GET', `/portfolio?after=${lastPosition}`);
    expect(answer.status).toBe(200);
    expect(answer.body.accounts).toBeGreaterThanOrEqual(3);
    expect(answer.body.stages.acquisition).toBe(answer.body.accounts);
    expect(answer.body.tiers.unclassified?.count).toBe(answer.body.accounts);
    expect(answer.body.pareto).toBeDefined();
  });

  it('reports projection status and rebuilds on request', async () => {
    const status = await call<{ name: string; checkpoint: string; head: string; lag: number }[]>(
      server,
      'GET',
      '/projections',
    );
    expect(status.body.map((row) => row.name)).toEqual(
      expect.arrayContaining(['account_summary', 'classification_history']),
    );
    const rebuilt = await call<{ projections: string[]; events: number; position: string }>(
      server,
      'POST',
      '/projections/account_summary/rebuild',
    );
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body.projections).toEqual(['account_summary']);
    expect(rebuilt.body.events).toBeGreaterThanOrEqual(9);
    const after = await call<AccountView>(
      server,
      'GET',
      `/accounts/${ids['Gamma Power']}?after=${rebuilt.body.position}`,
    );
    expect(after.body).toMatchObject({ name: 'Gamma Power', revenue12m: 12000, owner: 'zhang.min' });
    const unknown = await call<Problem>(server, 'POST', '/projections/nope/rebuild');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toMatch(/Known projections: .*account_summary/);
  });
});
