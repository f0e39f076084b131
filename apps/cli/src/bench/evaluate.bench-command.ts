import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '@kam/config';
import { runEvaluateBenchmark, type EvaluateBenchmark, type EvaluateCeiling } from '@kam/evaluation';
import { createProgress } from '../output/progress.js';
import { printBenchRows, ratio } from './bench-report.js';

const seconds = (value: number): string => `${value.toFixed(1)} s`;

/** Where the ceiling's time went, so a slow step of the run can be set against its raw cost. */
const ceilingNote = ({ events, steps }: EvaluateCeiling): string =>
  `ceiling (raw driver, one thread, ${events} events): read ${seconds(steps.read)}, rank ${seconds(steps.rank)}, ` +
  `plan ${seconds(steps.plan)}, apply ${seconds(steps.apply)}`;

/**
 * `kam bench evaluate`: one evaluation run over 100,000 accounts, end to end, in this process and,
 * with REDIS_URL set, through BullMQ with two worker processes, each beside the ceiling measured in
 * the same run: the raw driver doing the run's reads and writes (evaluate-ceiling.ts). A time, so
 * the ratio is ceiling / figure. The targets (10 s and 15 s) are in the notes.
 */
export const benchEvaluate = async (json: boolean): Promise<EvaluateBenchmark> => {
  const config = loadConfig(process.env);
  const dir = mkdtempSync(path.join(tmpdir(), 'kam-bench-evaluate-'));
  const progress = createProgress('bench evaluate', 'steps');
  try {
    const result = await runEvaluateBenchmark({
      dir,
      accounts: 100_000,
      queue: config.redisUrl === null ? undefined : { redisUrl: config.redisUrl, workers: 2 },
      onProgress: (phase, done, total) => progress.update(done, total, { label: phase }),
    });
    progress.stop();
    if (!json) {
      printBenchRows('evaluate: 100,000 accounts, snapshot + policy + appending every change', [
        {
          workload: 'in-process',
          figure: seconds(result.inProcess.seconds),
          ceiling: seconds(result.inProcess.ceiling),
          ratio: ratio(result.inProcess.ratio),
          note: `${result.inProcess.changed} changed; target < 10 s; ${ceilingNote(result.ceilingRun)}`,
        },
        ...(result.queue === null
          ? [{ workload: 'bullmq', figure: '-', note: 'skipped: set REDIS_URL to measure it' }]
          : [
              {
                workload: `bullmq, ${result.queue.workers} workers`,
                figure: seconds(result.queue.seconds),
                ceiling: seconds(result.queue.ceiling),
                ratio: ratio(result.queue.ratio),
                note: `${result.queue.changed} changed; target < 15 s`,
              },
            ]),
      ]);
    }
    return result;
  } finally {
    progress.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};
