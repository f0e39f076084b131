import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BENCH_AS_OF, preparePortfolio } from './bench-portfolio.setup.js';
import { runEvaluateCeiling } from './evaluate-ceiling.js';
import type { RunWrites } from './run-writes.js';

const ACCOUNTS = 2_000;

/** The shape of a first evaluation: every account reclassified, a third also moved a stage. */
const WRITES: RunWrites = {
  changed: ACCOUNTS,
  planBytesPerChange: 820,
  events: [
    { type: 'AccountReclassified', count: ACCOUNTS, dataBytes: 743, metadataBytes: 400 },
    { type: 'LifecycleStageInferred', count: 667, dataBytes: 383, metadataBytes: 400 },
  ],
};

type Written = Readonly<{ type: string; count: number; data: number; metadata: number; first: number }>;

describe('the evaluate benchmark ceiling', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kam-eval-ceiling-'));
    file = path.join(dir, 'kam.db');
    await preparePortfolio(file, ACCOUNTS, () => undefined);
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('appends as many events of the same sizes as the run did, after each stream tail, and times it', async () => {
    const progress: number[] = [];
    const ceiling = await runEvaluateCeiling(file, WRITES, {
      asOf: BENCH_AS_OF,
      onProgress: (done) => progress.push(done),
    });

    expect(ceiling).toMatchObject({ accounts: ACCOUNTS, changed: ACCOUNTS, events: 2_667 });
    const { read, rank, plan, apply } = ceiling.steps;
    expect(read + rank + plan + apply).toBeCloseTo(ceiling.seconds, 6);
    expect(ceiling.seconds).toBeGreaterThan(0);
    expect(progress).toEqual([0, 1_000, 2_000]);
    const db = new Database(file, { readonly: true });
    try {
      const written = db
        .prepare<[number], Written>(
          `SELECT type, count(*) AS count, round(avg(length(data))) AS data, round(avg(length(metadata))) AS metadata,
             min(revision) AS first FROM events WHERE position > ? GROUP BY type ORDER BY type`,
        )
        .all(ACCOUNTS);
      // Revision 1 and up: each account's registration was found as its stream's tail.
      expect(written).toEqual([
        { type: 'AccountReclassified', count: ACCOUNTS, data: 743, metadata: 400, first: 1 },
        { type: 'LifecycleStageInferred', count: 667, data: 383, metadata: 400, first: 2 },
      ]);
      const plan = db
        .prepare(
          'SELECT count(*) AS rows, sum(accounts) AS changes, sum(length(changes)) AS bytes FROM ceiling_plans',
        )
        .get() as { rows: number; changes: number; bytes: number };
      expect(plan.rows).toBe(2);
      expect(plan.changes).toBe(ACCOUNTS);
      expect(Math.abs(plan.bytes / ACCOUNTS - WRITES.planBytesPerChange)).toBeLessThan(2);
      expect(db.prepare('SELECT count(*) FROM ceiling_outcomes').pluck().get()).toBe(ACCOUNTS);
    } finally {
      db.close();
    }
  });
});
