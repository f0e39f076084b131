import path from 'node:path';
import { loadConfig } from '@kam/config';
import { runRebuildBenchmark, type RebuildBenchmark } from '@kam/projections';
import { createProgress } from '../output/progress.js';
import { ensureBenchPortfolio } from './bench-portfolio.js';
import { perSecond, printBenchRows, ratio } from './bench-report.js';

const MIN_EVENTS = 1_000_000;
/** About 140 events per account over three years: 7,500 accounts make a little over a million. */
const ACCOUNTS = 7_500;

/** `kam bench rebuild`: every projection rebuilt from a 1M-event log beside raw read-and-parse of the same file. */
export const benchRebuild = async (json: boolean): Promise<RebuildBenchmark> => {
  const config = loadConfig(process.env);
  const file = await ensureBenchPortfolio(path.join(config.dataDir, 'bench-rebuild'), MIN_EVENTS, ACCOUNTS);
  const progress = createProgress('bench rebuild', 'events');
  const result = await runRebuildBenchmark({
    file,
    onProgress: (p) => progress.update(p.events, Math.max(p.total, p.events)),
  }).finally(() => progress.stop());
  if (!json) {
    printBenchRows(`rebuild: every projection over ${file}`, [
      {
        workload: 'rebuild',
        figure: perSecond(result.eventsPerSecond),
        ceiling: perSecond(result.ceiling),
        ratio: ratio(result.ratio),
        note: `${result.events} events in ${result.seconds.toFixed(1)} s, peak RSS ${Math.round(result.peakRssMb)} MB (${Math.round(result.halfwayPeakRssMb)} MB over the first half), CPU ${result.cpuSeconds.toFixed(1)} s (ceiling ${result.ceilingCpuSeconds.toFixed(1)} s)`,
      },
    ]);
  }
  return result;
};
