import Database from 'better-sqlite3';

/** One event type a run appended: how many, and their average sizes in bytes. */
export type EventWrites = Readonly<{ type: string; count: number; dataBytes: number; metadataBytes: number }>;

/** What an evaluation run wrote, as the ceiling needs it to write as much. */
export type RunWrites = Readonly<{
  /** Accounts the run changed: the ceiling plans and appends for as many. */
  changed: number;
  /** Average bytes of one planned change in the plan rows' JSON. */
  planBytesPerChange: number;
  events: readonly EventWrites[];
}>;

type RunRow = Readonly<{ run_id: string; head_position: string | null }>;
type PlanBytes = Readonly<{ bytes: number | null; changes: number | null }>;

/**
 * Reads back what the (only) run in `file` appended and planned, after it: the ceiling then writes
 * the same number of events of the same sizes instead of guessing them, so a change to the
 * reason texts or the metadata moves both sides of the ratio.
 */
export const measureRunWrites = (file: string, changed: number): RunWrites => {
  const db = new Database(file, { readonly: true });
  try {
    const run = db
      .prepare<[], RunRow>(
        'SELECT run_id, head_position FROM evaluation_runs ORDER BY created_at DESC LIMIT 1',
      )
      .get();
    if (run === undefined || run.head_position === null)
      throw new Error(`${file}: no evaluation run with a head position to measure`);
    const events = db
      .prepare<[number], EventWrites>(
        `SELECT type, count(*) AS count,
           avg(length(CAST(data AS BLOB))) AS dataBytes, avg(length(CAST(metadata AS BLOB))) AS metadataBytes
         FROM events WHERE position > ? GROUP BY type ORDER BY type`,
      )
      .all(Number(run.head_position));
    const plan = db
      .prepare<[string], PlanBytes>(
        'SELECT sum(length(CAST(changes AS BLOB))) AS bytes, sum(accounts) AS changes FROM evaluation_run_plans WHERE run_id = ?',
      )
      .get(run.run_id);
    const planBytesPerChange = plan?.changes ? (plan.bytes ?? 0) / plan.changes : 0;
    return { changed, planBytesPerChange, events };
  } finally {
    db.close();
  }
};
