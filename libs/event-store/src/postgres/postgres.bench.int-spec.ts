import pg from 'pg';
import { runPostgresBenchmark, type PostgresBenchmarkProgress } from './postgres.bench.js';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('runPostgresBenchmark', () => {
  it('measures every workload beside raw pg, without failed appends, and drops its scratch schemas', async () => {
    const progress: PostgresBenchmarkProgress[] = [];
    const result = await runPostgresBenchmark({
      databaseUrl,
      scale: 0.01,
      onProgress: (p) => progress.push(p),
    });

    expect([result.sequential.events, result.concurrent.events, result.batched.events]).toEqual([
      50, 100, 500,
    ]);
    expect(result.read.events).toBe(650);
    for (const workload of ['sequential', 'concurrent', 'batched', 'read'] as const) {
      const figure = result[workload];
      expect(figure.failedAppends).toBe(0);
      expect(figure.eventsPerSecond).toBeGreaterThan(0);
      expect(figure.ceiling).toBeGreaterThan(0);
      // Rates are rounded to whole events per second, so at this scale compare within a few percent.
      expect(Math.abs(figure.ratio / (figure.eventsPerSecond / figure.ceiling) - 1)).toBeLessThan(0.03);
    }
    const finished = new Set(
      progress.filter((p) => p.done === p.total).map((p) => `${p.workload}/${p.phase}`),
    );
    expect(finished.size).toBe(8);

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'kam_bench_%'");
    await client.end();
    expect(rows).toEqual([]);
  });
});
