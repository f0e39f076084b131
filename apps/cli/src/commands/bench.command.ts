import type { Command } from 'commander';
import { UsageError } from '../cli-errors.js';
import { benchAppend } from '../bench/append.bench-command.js';
import { benchRebuild } from '../bench/rebuild.bench-command.js';
import { benchEvaluate } from '../bench/evaluate.bench-command.js';
import { benchAsOf, benchReplay } from '../bench/audit.bench-command.js';
import { benchEventStoreDb } from '../bench/eventstoredb.bench-command.js';
import { benchApi } from '../bench/api.bench-command.js';
import { benchPostgres } from '../bench/postgres.bench-command.js';

type Benchmark = (json: boolean) => Promise<unknown>;

const BENCHMARKS: Readonly<Record<string, Benchmark>> = {
  append: benchAppend,
  rebuild: benchRebuild,
  evaluate: benchEvaluate,
  'as-of': benchAsOf,
  replay: benchReplay,
  eventstoredb: benchEventStoreDb,
  api: benchApi,
  postgres: benchPostgres,
};

export const registerBenchCommand = (program: Command): void => {
  program
    .command('bench')
    .description(
      `run a benchmark with its raw ceiling measured in the same run (${Object.keys(BENCHMARKS).join(', ')}, all)`,
    )
    .argument('<workload>', `one of ${[...Object.keys(BENCHMARKS), 'all'].join(', ')}`)
    .option('--json', 'print the figures as JSON on stdout')
    .action(async (workload: string, flags: Readonly<{ json?: boolean }>) => {
      const names = workload === 'all' ? Object.keys(BENCHMARKS) : [workload];
      const results: Record<string, unknown> = {};
      for (const name of names) {
        const benchmark = BENCHMARKS[name];
        if (!benchmark)
          throw new UsageError(
            `kam bench: unknown workload '${workload}'; use one of ${[...Object.keys(BENCHMARKS), 'all'].join(', ')}`,
          );
        results[name] = await benchmark(Boolean(flags.json));
      }
      const output = workload === 'all' ? results : results[workload];
      if (flags.json)
        process.stdout.write(
          `${JSON.stringify(output, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}\n`,
        );
    });
};
