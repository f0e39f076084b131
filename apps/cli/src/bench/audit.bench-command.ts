import path from 'node:path';
import { runAsOfBenchmark, runReplayBenchmark, type AsOfBenchmark, type ReplayBenchmark } from '@kam/audit';
import { loadConfig } from '@kam/config';
import { createProgress } from '../output/progress.js';
import { ensureBenchPortfolio } from './bench-portfolio.js';
import { printBenchRows } from './bench-report.js';

/** `kam bench as-of`: one 10,000-event account on past dates, read cold and through the fold cache. */
export const benchAsOf = async (json: boolean): Promise<AsOfBenchmark> => {
  const result = await runAsOfBenchmark();
  if (!json) {
    printBenchRows(`as-of: an account with ${result.events} events, ${result.queries} past dates`, [
      {
        workload: 'cold (fresh process)',
        figure: `${result.coldMedianMs.toFixed(1)} ms median`,
        note: `target < ${result.targetMs} ms`,
      },
      {
        workload: 'warm (fold cache)',
        figure: `${result.warmMedianMs.toFixed(2)} ms median`,
        note: `p95 ${result.warmP95Ms.toFixed(2)} ms`,
      },
    ]);
  }
  return result;
};

/** `kam bench replay`: the default policy replayed at 24 month closes over the 1M-event demo log. */
export const benchReplay = async (json: boolean): Promise<ReplayBenchmark> => {
  const config = loadConfig(process.env);
  const file = await ensureBenchPortfolio(path.join(config.dataDir, 'bench-rebuild'), 1_000_000, 7_500);
  const progress = createProgress('bench replay', 'positions');
  const result = await runReplayBenchmark({
    file,
    onProgress: (position, head) => progress.update(Number(position), Number(head)),
  }).finally(() => progress.stop());
  if (!json) {
    printBenchRows(`replay: ${result.dates} monthly dates ${result.from}..${result.to} over ${file}`, [
      {
        workload: 'replay',
        figure: `${result.seconds.toFixed(1)} s`,
        note: `${result.events} events, ${Math.round(result.eventsPerSecond)} events/s, peak RSS ${result.peakRssMb} MB, ${result.differences} differences; target < ${result.targetSeconds} s`,
      },
    ]);
  }
  return result;
};
