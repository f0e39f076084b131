import { existsSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig, type KamConfig } from '@kam/config';
import { CliFailure } from '../cli-errors.js';
import { isoDate, wholeNumber, type GlobalOptions } from '../cli-options.js';
import { runDemo, type DemoSummary } from '../demo/run-demo.js';
import { startOfMonth } from '../demo/demo-calendar.js';
import { SimulatedClock } from '../demo/simulated-clock.js';
import { bootEngine, withEngine, type Engine } from '../engine.js';
import { catchUpProjections } from '../projections-catch-up.js';
import { openQuarterEndEvaluator } from '@kam/evaluation';
import { startFollowerThread, type FollowerThread } from '@kam/projections';
import { createProgress } from '../output/progress.js';
import { renderTable } from '../output/table.js';

type DemoFlags = Readonly<{
  accounts: number;
  years: number;
  seed: number;
  until?: Date;
  concurrency: number;
  fresh?: boolean;
  json?: boolean;
}>;

/** `--fresh` replaces an earlier demo; only a file the engine recognises as its own is removed. */
const removeEarlierDemo = async (config: KamConfig): Promise<void> => {
  if (config.eventStore !== 'sqlite')
    throw new CliFailure(
      '--fresh only replaces the embedded SQLite store; start from an empty event store instead.',
    );
  if (!existsSync(config.sqliteFile)) return;
  const engine = await bootEngine(config); // refuses a foreign or corrupt file before anything is deleted
  const head = await engine.store.headPosition();
  await engine.close();
  if (head < 0n) return;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${config.sqliteFile}${suffix}`, { force: true });
  process.stderr.write(`demo: removed the earlier portfolio in ${config.sqliteFile}\n`);
};

type DemoReport = DemoSummary &
  Readonly<{ evaluationRuns: number; reclassifications: number; projectedTo: string }>;

/**
 * Records the portfolio month by month, runs the evaluation at every quarter's close, and leaves
 * the read models caught up with the log.
 */
const recordDemo = async (
  engine: Engine,
  flags: DemoFlags,
  until: Date,
  clock: SimulatedClock,
): Promise<DemoReport> => {
  const { config, store } = engine;
  if ((await store.headPosition()) >= 0n) {
    throw new CliFailure(
      `${config.dataDir} already holds a portfolio: the demo records a new one into an empty store. Use --fresh to replace it, or another --data-dir (or KAM_DATA_DIR).`,
    );
  }
  const evaluations = { evaluationRuns: 0, reclassifications: 0 };
  const evaluator = await openQuarterEndEvaluator({
    sqliteFile: config.sqliteFile,
    store,
    repository: engine.repository,
    clock: clock.read,
    onRun: (run) => {
      evaluations.evaluationRuns += 1;
      evaluations.reclassifications += run.changed;
    },
  });
  // On SQLite the read models follow the log on another core; elsewhere each quarter's run catches up.
  let follower: FollowerThread | null =
    config.eventStore === 'sqlite' ? startFollowerThread({ sqliteFile: config.sqliteFile }) : null;
  const progress = createProgress('demo', 'months');
  try {
    const summary = await runDemo(
      { ...engine, clock },
      {
        accounts: flags.accounts,
        years: flags.years,
        seed: flags.seed,
        until,
        concurrency: flags.concurrency,
        onProgress: ({ month, months, events }) => progress.update(month, months, { events }),
        afterQuarterEnd: evaluator.afterQuarterEnd,
      },
    );
    progress.stop();
    await follower?.finish();
    follower = null;
    const projected = await catchUpProjections(config, store);
    return { ...summary, ...evaluations, projectedTo: projected.toString() };
  } finally {
    progress.stop();
    await follower?.terminate();
    await evaluator.close();
  }
};

const printSummary = (summary: DemoReport, file: string): void => {
  const stages = Object.entries(summary.stages).map(([stage, count]) => [stage, String(count)]);
  process.stdout.write(
    [
      `Demo portfolio recorded in ${file}`,
      `  accounts  ${summary.accounts}`,
      `  events    ${summary.events}`,
      `  time      ${summary.seconds} s (${summary.eventsPerSecond} events/s)`,
      `  evaluated ${summary.evaluationRuns} quarter-end runs, ${summary.reclassifications} accounts reclassified`,
      `  read models caught up to position ${summary.projectedTo}`,
      '',
      renderTable(['stage', 'accounts'], stages),
      '',
      `Try: kam history ${summary.sampleAccountIds[0] ?? '<accountId>'}`,
      '',
    ].join('\n'),
  );
};

export const registerDemoCommand = (program: Command): void => {
  program
    .command('demo')
    .description('record a realistic synthetic portfolio through the real command path')
    .option('--accounts <n>', 'number of accounts', wholeNumber(1, 1_000_000), 1000)
    .option('--years <y>', 'years of history', wholeNumber(1, 20), 3)
    .option(
      '--seed <s>',
      'random seed: the same seed gives the same portfolio',
      wholeNumber(0, 2 ** 31 - 1),
      1,
    )
    .option('--until <date>', 'end of the simulated span (default: the start of this month)', isoDate)
    .option(
      '--concurrency <n>',
      'accounts recorded at once (their appends share commits)',
      wholeNumber(1, 4096),
      256,
    )
    .option('--fresh', 'replace an earlier demo portfolio in the data directory')
    .option('--json', 'print the summary as JSON on stdout')
    .action(async (flags: DemoFlags, command: Command) => {
      const config = loadConfig(process.env, command.optsWithGlobals<GlobalOptions>());
      if (flags.fresh) await removeEarlierDemo(config);
      const until = startOfMonth(flags.until ?? new Date());
      const clock = new SimulatedClock(until);
      const summary = await withEngine(config, (engine) => recordDemo(engine, flags, until, clock), {
        clock: clock.read,
      });
      if (flags.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else printSummary(summary, config.eventStore === 'sqlite' ? config.sqliteFile : config.eventStore);
    });
};
