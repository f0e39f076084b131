import { openKamSqliteDatabase, openSqliteEventStore } from '@kam/event-store';
import { rebuildProjections, type RebuildProgress } from '../runner/rebuild.js';
import { openSqliteReadModels } from '../sqlite/open-sqlite-read-models.js';

/** `kam bench rebuild --json`: the rebuild beside the raw read-and-parse speed of the same file. */
export type RebuildBenchmark = Readonly<{
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Highest resident set size sampled while rebuilding (every thread of the process). */
  peakRssMb: number;
  /** The same, over the first half of the log only: near `peakRssMb` when memory stays flat as the log grows. */
  halfwayPeakRssMb: number;
  /** Events per second of a bare better-sqlite3 iteration over the events table with JSON.parse of data and metadata. */
  ceiling: number;
  /** eventsPerSecond / ceiling. */
  ratio: number;
  /** Process CPU time (user and system, every thread) of the rebuild, and of the ceiling's read. */
  cpuSeconds: number;
  ceilingCpuSeconds: number;
}>;

const cpuSecondsSince = (start: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
};

const rssMb = (): number => process.memoryUsage.rss() / 1024 / 1024;

/**
 * Reading the RSS costs 60-75 µs here (a read of /proc): once per page it added 0.15 s to a
 * million-event rebuild, so it is sampled at most this often.
 */
const RSS_SAMPLE_MS = 50;

/** The least any reader of the log must do: every row, both JSON columns parsed. */
function measureCeiling(file: string): Readonly<{ eventsPerSecond: number; cpuSeconds: number }> {
  const db = openKamSqliteDatabase({ file });
  try {
    const rows = db
      .prepare<[], { data: string; metadata: string }>(
        'SELECT position, id, stream_id, revision, type, data, metadata, recorded_at FROM events ORDER BY position',
      )
      .iterate();
    const started = performance.now();
    const cpu = process.cpuUsage();
    let count = 0;
    let keys = 0;
    for (const row of rows) {
      keys +=
        Object.keys(JSON.parse(row.data) as object).length +
        Object.keys(JSON.parse(row.metadata) as object).length;
      count += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      eventsPerSecond: keys >= 0 && seconds > 0 ? count / seconds : 0,
      cpuSeconds: cpuSecondsSince(cpu),
    };
  } finally {
    db.close();
  }
}

/**
 * Rebuilds every projection over an existing event store file and measures it against the ceiling,
 * both in this run. The ceiling is read first, so both find the file in the page cache.
 */
export async function runRebuildBenchmark(
  options: Readonly<{
    file: string;
    onProgress?: (progress: RebuildProgress) => void;
    /** See `RebuildOptions.threads`. */
    threads?: number;
  }>,
): Promise<RebuildBenchmark> {
  const { eventsPerSecond: ceiling, cpuSeconds: ceilingCpuSeconds } = measureCeiling(options.file);
  const store = await openSqliteEventStore({ file: options.file });
  const readModels = await openSqliteReadModels({ file: options.file });
  let peakRssMb = rssMb();
  let halfwayPeakRssMb = peakRssMb;
  let sampledAt = performance.now();
  const cpu = process.cpuUsage();
  try {
    const result = await rebuildProjections({
      readModels,
      store,
      threads: options.threads,
      onProgress: (progress) => {
        const now = performance.now();
        if (now - sampledAt >= RSS_SAMPLE_MS) {
          sampledAt = now;
          peakRssMb = Math.max(peakRssMb, rssMb());
          if (progress.events * 2 <= progress.total) halfwayPeakRssMb = peakRssMb;
        }
        options.onProgress?.(progress);
      },
    });
    peakRssMb = Math.max(peakRssMb, rssMb());
    const cpuSeconds = cpuSecondsSince(cpu);
    return {
      events: result.events,
      seconds: result.seconds,
      eventsPerSecond: result.eventsPerSecond,
      peakRssMb,
      halfwayPeakRssMb,
      ceiling,
      ratio: ceiling > 0 ? result.eventsPerSecond / ceiling : 0,
      cpuSeconds,
      ceilingCpuSeconds,
    };
  } finally {
    await readModels.close();
    await store.close();
  }
}
