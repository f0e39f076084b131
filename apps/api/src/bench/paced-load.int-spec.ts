import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runPacedLoad } from './paced-load.js';

/** A local server that answers each request after `delayFor(n)` ms (n: the request's number). */
const startServer = async (delayFor: (n: number) => number): Promise<{ url: string; server: Server }> => {
  let n = 0;
  const server = createServer((request, response) => {
    const delay = delayFor(n);
    n += 1;
    request.resume();
    request.on('end', () =>
      setTimeout(() => {
        response.writeHead(n % 50 === 0 ? 409 : 201, { 'content-type': 'application/json' });
        response.end('{}');
      }, delay),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
};

const order = () => ({
  method: 'POST',
  path: '/accounts/a/orders',
  headers: { 'content-type': 'application/json' },
  body: '{"amount":"1.00"}',
});

describe('runPacedLoad', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('sends the rate evenly for the whole duration and counts answers outside 2xx', async () => {
    const { url, server } = await startServer(() => 0);
    servers.push(server);
    const figures = await runPacedLoad({ url, rate: 200, durationSeconds: 1, connections: 8, next: order });
    expect(figures.requests).toBe(200);
    expect(figures.errors).toBe(0);
    expect(figures.non2xx).toBe(4);
    // Evenly paced, not all at once: the last answer comes about a second after the first was due.
    expect(figures.requestsPerSecond).toBeGreaterThan(150);
    expect(figures.requestsPerSecond).toBeLessThanOrEqual(210);
  });

  it('charges a stall to every request that was due during it, not only to the one it held', async () => {
    // The 20th request takes 300 ms; with one connection every request due meanwhile waits for it.
    const { url, server } = await startServer((n) => (n === 20 ? 300 : 0));
    servers.push(server);
    const figures = await runPacedLoad({ url, rate: 100, durationSeconds: 1, connections: 1, next: order });
    expect(figures.requests).toBe(100);
    expect(figures.maxMs).toBeGreaterThanOrEqual(290);
    // About 30 requests fell due during the stall: measured from the send, only one would be slow.
    expect(figures.p99Ms).toBeGreaterThan(200);
    expect(figures.p50Ms).toBeLessThan(100);
  });

  it('leaves the warm-up out of the figures', async () => {
    // The first 30 requests (the warm-up at 100/s for 0.3 s) each take 150 ms.
    const { url, server } = await startServer((n) => (n < 30 ? 150 : 0));
    servers.push(server);
    const figures = await runPacedLoad({
      url,
      rate: 100,
      durationSeconds: 0.5,
      warmupSeconds: 0.3,
      connections: 40,
      next: order,
    });
    expect(figures.requests).toBe(50);
    expect(figures.maxMs).toBeLessThan(100);
  });

  it('reports connection failures as errors', async () => {
    const { url, server } = await startServer(() => 0);
    await new Promise((resolve) => server.close(resolve));
    const figures = await runPacedLoad({ url, rate: 50, durationSeconds: 0.2, connections: 2, next: order });
    expect(figures).toMatchObject({ requests: 0, errors: 10 });
  });
});
