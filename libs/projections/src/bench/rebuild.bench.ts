import { openKamSqliteDatabase, openSqliteEventStore } from '@kam/event-store';
import { rebuildProjections, type RebuildProgress } from '../runner/rebuild.js';
import { openSqliteReadModels } from '../sqlite/open-sqlite-read-models.js';

/** `kam bench rebuild --json`: the rebuild beside the raw read-and-parse speed of the same file. */
export type RebuildBenchmark = Readonly<{
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Highest resident set size sampled while rebuilding. */
  peakRssMb: number;
  /** Events per second of a bare better-sqlite3 iteration over the events table with JSON.parse of data and metadata. */
  ceiling: number;
  /** eventsPerSecond / ceiling. */
  ratio: number;
}>;

const rssMb = (): number => process.memoryUsage.rss() / 1024 / 1024;

/**
 * Reading the RSS costs 60-75 µs here (a read of /proc): once per page it added 0.15 s to a
 * million-event rebuild, so it is sampled at most this often.
 */
const RSS_SAMPLE_MS = 50;

/** The least any reader of the log must do: every row, both JSON columns parsed. */
function measureCeiling(file: string): number {
  const db = openKamSqliteDatabase({ file });
  try {
    const rows = db
      .prepare<[], { data: string; metadata: string }>(
        'SELECT position, id, stream_id, revision, type, data, metadata, recorded_at FROM events ORDER BY position',
      )
      .iterate();
    const started = performance.now();
    let count = 0;
    let keys = 0;
    for (const row of rows) {
      keys +=
        Object.keys(JSON.parse(row.data) as object).length +
        Object.keys(JSON.parse(row.metadata) as object).length;
      count += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    return keys >= 0 && seconds > 0 ? count / seconds : 0;
  } finally {
    db.close();
  }
}

/**
 * Rebuilds every projection over an existing event store file and measures it against the ceiling,
 * both in this run. The ceiling is read first, so both find the file in the page cache.
 */
export async function runRebuildBenchmark(
  options: Readonly<{ file: string; onProgress?: (progress: RebuildProgress) => void }>,
): Promise<RebuildBenchmark> {
  const ceiling = measureCeiling(options.file);
  const store = await openSqliteEventStore({ file: options.file });
  const readModels = await openSqliteReadModels({ file: options.file });
  let peakRssMb = rssMb();
  let sampledAt = performance.now();
  try {
    const result = await rebuildProjections({
      readModels,
      store,
      onProgress: (progress) => {
        const now = performance.now();
        if (now - sampledAt >= RSS_SAMPLE_MS) {
          sampledAt = now;
          peakRssMb = Math.max(peakRssMb, rssMb());
        }
        options.onProgress?.(progress);
      },
    });
    peakRssMb = Math.max(peakRssMb, rssMb());
    return {
      events: result.events,
      seconds: result.seconds,
      eventsPerSecond: result.eventsPerSecond,
      peakRssMb,
      ceiling,
      ratio: ceiling > 0 ? result.eventsPerSecond / ceiling : 0,
    };
  } finally {
    await readModels.close();
    await store.close();
  }
}
