import { runAsOfBenchmark } from './as-of.bench.js';

describe('runAsOfBenchmark', () => {
  it('measures as-of queries over one long account, cold and warm', async () => {
    const result = await runAsOfBenchmark({ events: 2_000, queries: 10 });
    expect(result).toMatchObject({ events: 2_000, queries: 10, targetMs: 20 });
    expect(result.coldMedianMs).toBeGreaterThan(0);
    expect(result.warmP95Ms).toBeGreaterThanOrEqual(result.warmMedianMs);
  }, 60_000);
});
