import http from 'node:http';
import { Redis } from 'ioredis';
import {
  call,
  historyOf,
  registerAccount,
  runCli,
  startKamServe,
  type KamServer,
  type Problem,
} from './api-harness.js';

type OpenApi = { paths: Record<string, Record<string, unknown>> };

/** False once the server has stopped accepting new connections. */
const isAccepting = async (url: string): Promise<boolean> => {
  try {
    await fetch(`${url}/health`, { headers: { connection: 'close' } });
    return true;
  } catch {
    return false;
  }
};

describe('kam serve: operations', () => {
  let server: KamServer;
  beforeAll(async () => {
    server = await startKamServe();
  }, 90_000);
  afterAll(() => server.stop());

  it('says at start that it listens on loopback only when no keys are configured', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.output().stderr).toMatch(/no KAM_API_KEYS configured: listening on loopback only/);
  });

  it('answers liveness, and readiness of the event store, the read models and the projection runner', async () => {
    expect((await call(server, 'GET', '/health')).body).toEqual({ status: 'ok' });
    const ready = await call<{ status: string; info: Record<string, { status: string }> }>(
      server,
      'GET',
      '/ready',
    );
    expect(ready.status).toBe(200);
    expect(ready.body.info).toMatchObject({
      eventStore: { status: 'up' },
      readModelDatabase: { status: 'up' },
      projectionRunner: { status: 'up', state: 'running' },
    });
  });

  it('serves metrics in the Prometheus text format, counting appends', async () => {
    await registerAccount(server);
    const metrics = await call<string>(server, 'GET', '/metrics');
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(metrics.body).toMatch(/^kam_appended_events_total\{type="AccountRegistered"\} [1-9]/m);
    expect(metrics.body).toMatch(
      /^kam_command_append_duration_seconds_bucket\{.*command="RegisterAccount".*\} [1-9]/m,
    );
    expect(metrics.body).toMatch(/^# TYPE kam_projection_lag_events gauge/m);
    expect(metrics.body).toMatch(/^# TYPE kam_evaluation_runs_total counter/m);
  });

  it('publishes an OpenAPI document generated from the code, and Swagger UI', async () => {
    const doc = await call<OpenApi>(server, 'GET', '/docs-json');
    expect(doc.status).toBe(200);
    const routes = Object.entries(doc.body.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /accounts',
        'POST /accounts/{id}/orders',
        'POST /accounts/{id}/invoices',
        'POST /accounts/{id}/payments',
        'PUT /accounts/{id}/payment-terms',
        'PUT /accounts/{id}/profile',
        'POST /accounts/{id}/assessments',
        'PUT /accounts/{id}/team/{role}',
        'DELETE /accounts/{id}/team/{role}/{member}',
        'POST /accounts/{id}/lifecycle',
        'POST /accounts/{id}/win-back',
        'POST /accounts/{id}/interactions',
        'POST /accounts/{id}/activities',
        'POST /accounts/{id}/activities/{activityId}/completion',
        'POST /accounts/{id}/activities/{activityId}/review',
        'GET /accounts/{id}/history',
        'GET /accounts',
        'GET /accounts/{id}',
        'GET /accounts/{id}/classifications',
        'GET /portfolio',
        'GET /projections',
        'POST /projections/{name}/rebuild',
        'POST /evaluations',
        'POST /evaluations/dry-run',
        'GET /evaluations/{runId}',
        'GET /health',
        'GET /ready',
        'GET /metrics',
      ]),
    );
    const ui = await call<string>(server, 'GET', '/docs');
    expect(ui.status).toBe(200);
    expect(ui.body).toMatch(/swagger-ui/i);
  });

  it('sets the helmet security headers, on problems and unknown routes too', async () => {
    for (const path of ['/health', '/accounts/nobody', '/no/such/route', '/accounts/%FF']) {
      const answer = await call(server, 'GET', path);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(answer.headers.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/);
      expect(answer.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('logs one JSON line per request with method, path, status, duration and correlation id', async () => {
    await call(server, 'GET', '/accounts/nobody/history', { headers: { 'X-Correlation-Id': 'log-probe-1' } });
    await call(server, 'GET', '/health');
    const line = server
      .output()
      .stderr.split('\n')
      .filter((text) => text.startsWith('{'))
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .find((entry) => entry.correlationId === 'log-probe-1');
    expect(line).toMatchObject({
      msg: 'request',
      method: 'GET',
      path: '/accounts/nobody/history',
      status: 404,
    });
    expect(typeof line?.durationMs).toBe('number');
  });
});

describe('kam serve: start-up and shutdown', () => {
  it('stops cleanly on SIGTERM with exit code 0, and on SIGINT', async () => {
    const server = await startKamServe();
    await registerAccount(server);
    expect(await server.stop('SIGTERM')).toBe(0);
    const again = await startKamServe({ dataDir: server.dataDir });
    expect(await again.stop('SIGINT')).toBe(0);
  }, 90_000);

  it('finishes a request in flight when SIGTERM arrives, then exits', async () => {
    const server = await startKamServe();
    const { accountId } = await registerAccount(server);
    const body = JSON.stringify({
      interactionId: 'in-flight',
      kind: 'call',
      summary: 'sent across the shutdown',
    });
    const half = Math.floor(body.length / 2);
    const request = http.request(`${server.url}/accounts/${accountId}/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
    });
    const answered = new Promise<number>((resolve, reject) => {
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
    });
    request.write(body.slice(0, half));
    await call(server, 'GET', '/health'); // the server has read the first half by the time it answers this
    const stopped = server.stop('SIGTERM');
    while (await isAccepting(server.url));
    request.end(body.slice(half));
    expect(await answered).toBe(201);
    expect(await stopped).toBe(0);
    const again = await startKamServe({ dataDir: server.dataDir });
    try {
      expect((await historyOf(again, accountId)).map((item) => item.type)).toEqual([
        'AccountRegistered',
        'InteractionLogged',
      ]);
    } finally {
      await again.stop();
    }
  }, 90_000);

  it('checks Redis in readiness when REDIS_URL is configured', async () => {
    // A database of its own on the machine's Redis, emptied afterwards.
    const redisUrl = 'redis://127.0.0.1:6379/13';
    const server = await startKamServe({ env: { REDIS_URL: redisUrl } });
    try {
      const ready = await call<{ info: Record<string, { status: string }> }>(server, 'GET', '/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.info.redis).toEqual({ status: 'up' });
    } finally {
      await server.stop();
      const redis = new Redis(redisUrl);
      await redis.flushdb();
      redis.disconnect();
    }
  }, 90_000);

  it('answers POST /evaluations with a 503 problem, queuing nothing, while Redis is unreachable', async () => {
    // Nothing listens on this port: the queue never answers.
    const server = await startKamServe({ env: { REDIS_URL: 'redis://127.0.0.1:6390' } });
    try {
      const started = await call<Problem>(server, 'POST', '/evaluations', { body: {} });
      expect(started.status).toBe(503);
      expect(started.headers.get('content-type')).toMatch(/problem\+json/);
      expect(started.body.detail).toMatch(/Redis did not answer .* so no run was queued/);
    } finally {
      await server.stop();
    }
  }, 90_000);

  it('limits the request rate per client with 429 problems when configured', async () => {
    const server = await startKamServe({ args: ['--rate-limit', '3'] });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await call(server, 'GET', '/accounts/x/history')).status);
      expect(statuses).toEqual([404, 404, 404, 429]);
      const limited = await call<Problem>(server, 'GET', '/accounts/x/history');
      expect(limited.headers.get('content-type')).toMatch(/problem\+json/);
    } finally {
      await server.stop();
    }
  }, 90_000);

  it('refuses to listen beyond loopback without API keys (usage error)', async () => {
    const run = await runCli(['serve', '--host', '0.0.0.0', '--port', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--host 0\.0\.0\.0: without KAM_API_KEYS/);
  });

  it('names a port already in use', async () => {
    const server = await startKamServe();
    try {
      const port = new URL(server.url).port;
      const run = await runCli(['serve', '--port', port, '--data-dir', server.dataDir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`port ${port} on 127.0.0.1 is in use`));
    } finally {
      await server.stop();
    }
  }, 90_000);
});
