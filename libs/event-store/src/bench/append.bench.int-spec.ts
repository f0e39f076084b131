import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppendBenchmarkProgress, runAppendBenchmark } from './append.bench.js';

describe('runAppendBenchmark', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kam-bench-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('measures every workload and its ceiling, without failed appends, and leaves no files behind', async () => {
    const progress: AppendBenchmarkProgress[] = [];
    const result = await runAppendBenchmark({ dir, scale: 0.01, onProgress: (p) => progress.push(p) });

    expect(Object.keys(result)).toEqual(['sequential', 'concurrent', 'batched']);
    expect([result.sequential.events, result.concurrent.events, result.batched.events]).toEqual([
      200, 200, 2_000,
    ]);
    for (const figure of Object.values(result)) {
      expect(figure.failedAppends).toBe(0);
      expect(figure.eventsPerSecond).toBeGreaterThan(0);
      expect(figure.ceiling).toBeGreaterThan(0);
      expect(figure.ratio).toBeCloseTo(figure.eventsPerSecond / figure.ceiling, 2);
      // The seconds are printed to the millisecond, so a run of a few tens of milliseconds is a
      // few per cent off its rate: compare the time the rate implies within that rounding.
      expect(figure.events / figure.eventsPerSecond).toBeCloseTo(figure.seconds, 2);
    }
    const finished = progress.filter((p) => p.done === p.total).map((p) => `${p.workload}/${p.phase}`);
    expect(finished.sort()).toEqual([
      'batched/ceiling',
      'batched/store',
      'concurrent/ceiling',
      'concurrent/store',
      'sequential/ceiling',
      'sequential/store',
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });
});
