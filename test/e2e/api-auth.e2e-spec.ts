import { call, startKamServe, type KamServer, type Problem, type Receipt } from './api-harness.js';

const KEYS = {
  viewer: 'viewer-key-0123456789abcdef',
  manager: 'manager-key-0123456789abcdef',
  admin: 'admin-key-0123456789abcdef',
};
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const ACCOUNT = { name: 'Keyed Ltd', industry: 'energy', region: 'south' };

describe('kam serve with KAM_API_KEYS: keys, roles and actors', () => {
  let server: KamServer;

  beforeAll(async () => {
    server = await startKamServe({
      env: {
        KAM_API_KEYS: `dashboard:viewer:${KEYS.viewer},crm-sync:manager:${KEYS.manager},ops:admin:${KEYS.admin}`,
      },
    });
  }, 90_000);
  afterAll(() => server.stop());

  it('listens on every interface and does not announce loopback-only mode', () => {
    expect(server.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    expect(server.output().stderr).not.toMatch(/loopback only/);
  });

  it('401 without a key and with a wrong key, as a problem document with a Bearer challenge', async () => {
    for (const headers of [
      {},
      bearer('not-a-configured-key-at-all'),
      { Authorization: `Basic ${KEYS.admin}` },
    ]) {
      const answer = await call<Problem>(server, 'GET', '/accounts/x/history', { headers });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
      expect(answer.body.type).toMatch(/authentication-required/);
    }
  });

  it('a viewer reads but may not record: 403', async () => {
    const created = await call<Receipt>(server, 'POST', '/accounts', {
      body: ACCOUNT,
      headers: bearer(KEYS.manager),
    });
    const read = await call(server, 'GET', `/accounts/${created.body.accountId}/history`, {
      headers: bearer(KEYS.viewer),
    });
    expect(read.status).toBe(200);
    const write = await call<Problem>(server, 'POST', '/accounts', {
      body: ACCOUNT,
      headers: bearer(KEYS.viewer),
    });
    expect(write.status).toBe(403);
    expect(write.body.type).toMatch(/role-forbidden/);
  });

  it("a manager's key name becomes the actor of what it records; an admin may record too", async () => {
    const created = await call<Receipt>(server, 'POST', '/accounts', {
      body: ACCOUNT,
      headers: bearer(KEYS.manager),
    });
    expect(created.status).toBe(201);
    const byAdmin = await call(server, 'PUT', `/accounts/${created.body.accountId}/team/owner`, {
      body: { member: 'wang.fang' },
      headers: bearer(KEYS.admin),
    });
    expect(byAdmin.status).toBe(200);
    const page = await call<{ items: { metadata: { actor: string } }[] }>(
      server,
      'GET',
      `/accounts/${created.body.accountId}/history`,
      { headers: bearer(KEYS.viewer) },
    );
    expect(page.body.items.map((item) => item.metadata.actor)).toEqual(['crm-sync', 'ops']);
  });

  it('idempotency keys belong to the caller: two callers may use the same key', async () => {
    const first = await call<Receipt>(server, 'POST', '/accounts', {
      body: ACCOUNT,
      headers: { ...bearer(KEYS.manager), 'Idempotency-Key': 'shared-key' },
    });
    const second = await call<Receipt>(server, 'POST', '/accounts', {
      body: ACCOUNT,
      headers: { ...bearer(KEYS.admin), 'Idempotency-Key': 'shared-key' },
    });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.accountId).not.toBe(first.body.accountId);
  });

  it('evaluation runs and the queue view need the admin role; reading a run needs a viewer', async () => {
    const byManager = await call(server, 'POST', '/evaluations', { body: {}, headers: bearer(KEYS.manager) });
    expect(byManager.status).toBe(403);
    const byAdmin = await call<{ runId: string }>(server, 'POST', '/evaluations', {
      body: {},
      headers: bearer(KEYS.admin),
    });
    expect(byAdmin.status).toBe(202);
    const read = await call(server, 'GET', `/evaluations/${byAdmin.body.runId}`, {
      headers: bearer(KEYS.viewer),
    });
    expect(read.status).toBe(200);
    expect((await call(server, 'GET', '/queues/json', { headers: bearer(KEYS.manager) })).status).toBe(403);
    expect((await call(server, 'GET', '/queues/json', { headers: bearer(KEYS.admin) })).status).toBe(200);
  });

  it('rebuilding a projection needs the admin role', async () => {
    const byManager = await call<Problem>(server, 'POST', '/projections/account_summary/rebuild', {
      headers: bearer(KEYS.manager),
    });
    expect(byManager.status).toBe(403);
    const byAdmin = await call(server, 'POST', '/projections/account_summary/rebuild', {
      headers: bearer(KEYS.admin),
    });
    expect(byAdmin.status).toBe(200);
    const statusByViewer = await call(server, 'GET', '/projections', { headers: bearer(KEYS.viewer) });
    expect(statusByViewer.status).toBe(200);
  });

  it('health and readiness probes need no key; metrics need a viewer', async () => {
    expect((await call(server, 'GET', '/health')).status).toBe(200);
    expect((await call(server, 'GET', '/ready')).status).toBe(200);
    expect((await call(server, 'GET', '/metrics')).status).toBe(401);
    expect((await call(server, 'GET', '/metrics', { headers: bearer(KEYS.viewer) })).status).toBe(200);
  });
});
