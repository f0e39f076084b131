import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAppendBenchmark, type AppendBenchmarkResult } from '@kam/event-store';
import { createProgress } from '../output/progress.js';
import { printBenchRows, storeFigureRows } from './bench-report.js';

/** `kam bench append`: the port on a fresh SQLite file against the raw driver doing the same writes. */
export const benchAppend = async (json: boolean): Promise<AppendBenchmarkResult> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kam-bench-append-'));
  const progress = createProgress('bench append', 'appends');
  try {
    const result = await runAppendBenchmark({
      dir,
      onProgress: ({ workload, phase, done, total }) =>
        progress.update(done, total, { events: done, label: `${workload}/${phase}` }),
    });
    progress.stop();
    if (!json) {
      printBenchRows(
        'append: SQLite event store (synchronous=FULL, WAL) vs raw better-sqlite3 doing the same writes',
        storeFigureRows(['sequential', 'concurrent', 'batched'] as const, result),
      );
    }
    return result;
  } finally {
    progress.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};
