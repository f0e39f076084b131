import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runEvaluateBenchmark } from './evaluate.bench.js';

describe('runEvaluateBenchmark without a queue', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kam-eval-bench-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('puts the in-process figure beside a ceiling that repeated its writes', async () => {
    const phases = new Set<string>();
    const result = await runEvaluateBenchmark({
      dir,
      accounts: 2_000,
      onProgress: (phase, done, total) => done === total && phases.add(phase),
    });

    expect(result.inProcess).toMatchObject({ accounts: 2_000, changed: 2_000 });
    expect(result.ceilingRun).toMatchObject({ accounts: 2_000, changed: 2_000 });
    // As many events as the run appended after the registrations: every account reclassified, some staged too.
    const run = new Database(path.join(dir, 'in-process', 'kam.db'), { readonly: true });
    const appended = run.prepare('SELECT count(*) FROM events WHERE position > 2000').pluck().get();
    run.close();
    expect(result.ceilingRun.events).toBe(appended);
    expect(result.ceilingRun.events).toBeGreaterThan(2_000);
    expect(result.inProcess.ceiling).toBe(result.ceilingRun.seconds);
    expect(result.inProcess.ratio).toBeCloseTo(result.ceilingRun.seconds / result.inProcess.seconds, 6);
    expect(result.ratio).toBe(result.inProcess.ratio);
    expect(result.queue).toBeNull();
    expect(phases).toContain('evaluate: ceiling');
  });
});
