import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '@kam/config';
import { runEvaluateBenchmark, type EvaluateBenchmark } from '@kam/evaluation';
import { createProgress } from '../output/progress.js';
import { printBenchRows } from './bench-report.js';

/**
 * `kam bench evaluate`: one evaluation run over 100,000 accounts, end to end, in this process and,
 * with REDIS_URL set, through BullMQ with two worker processes. There is no raw ceiling for a policy;
 * the targets (10 s and 15 s) are the yardstick.
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
          figure: `${result.inProcess.seconds.toFixed(1)} s`,
          note: `${result.inProcess.changed} changed; target < 10 s`,
        },
        ...(result.queue === null
          ? [{ workload: 'bullmq', figure: '-', note: 'skipped: set REDIS_URL to measure it' }]
          : [
              {
                workload: `bullmq, ${result.queue.workers} workers`,
                figure: `${result.queue.seconds.toFixed(1)} s`,
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
