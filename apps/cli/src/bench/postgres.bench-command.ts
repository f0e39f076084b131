import { loadConfig } from '@kam/config';
import { runPostgresBenchmark, type PostgresBenchmarkResult, type PostgresWorkload } from '@kam/event-store';
import { createProgress } from '../output/progress.js';
import { printBenchRows, storeFigureRows } from './bench-report.js';

const WORKLOADS: readonly PostgresWorkload[] = ['sequential', 'concurrent', 'batched', 'read'];

type Skipped = Readonly<{ skipped: string }>;

/**
 * `kam bench postgres`: the PostgreSQL event store against raw pg doing the same inserts, on the
 * server DATABASE_URL names, in scratch schemas it drops afterwards. Without DATABASE_URL there is
 * nothing to measure, and `kam bench all` goes on with the others.
 */
export const benchPostgres = async (json: boolean): Promise<PostgresBenchmarkResult | Skipped> => {
  const { databaseUrl } = loadConfig(process.env);
  if (databaseUrl === null) {
    const skipped = 'DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)';
    if (!json) process.stdout.write(`postgres: skipped, ${skipped}\n`);
    return { skipped };
  }
  const progress = createProgress('bench postgres', 'events');
  try {
    const result = await runPostgresBenchmark({
      databaseUrl,
      onProgress: (p) => progress.update(p.done, p.total, { label: `${p.workload}/${p.phase}` }),
    });
    progress.stop();
    if (!json) {
      printBenchRows(
        'postgres: PostgreSQL event store vs raw pg doing the same inserts (no checks, no lock)',
        storeFigureRows(WORKLOADS, result),
      );
    }
    return result;
  } finally {
    progress.stop();
  }
};
