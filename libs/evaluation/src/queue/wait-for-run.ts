import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { EvaluationRun, RunProgress } from '../run/evaluation-run.types.js';
import { EvaluationRunNotFoundError } from '../run/evaluation.errors.js';
import { getEvaluationRun } from '../store/get-evaluation-run.js';
import type { EvaluationDatabase } from '../store/evaluation-tables.js';

export type WaitForRunOptions = Readonly<{
  onProgress?: (progress: RunProgress) => void;
  pollMs?: number;
  signal?: AbortSignal;
}>;

/**
 * Waits for a run to end by reading its record, not Redis: the record survives a Redis outage, so
 * a waiting `kam evaluate --queue` sees the run resume and finish.
 */
export const waitForRun = async (
  db: Kysely<EvaluationDatabase>,
  runId: string,
  options: WaitForRunOptions = {},
): Promise<EvaluationRun> => {
  for (;;) {
    const run = await getEvaluationRun(db, runId);
    if (run === null) throw new EvaluationRunNotFoundError(runId);
    if (run.progress !== null) options.onProgress?.(run.progress);
    if (run.status === 'done' || run.status === 'failed') return run;
    await sleep(options.pollMs ?? 250, undefined, { signal: options.signal });
  }
};
