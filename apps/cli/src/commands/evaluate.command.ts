import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { loadConfig, type KamConfig } from '@kam/config';
import {
  dryRunEvaluation,
  EvaluationRequestError,
  EvaluationRunFailedError,
  loadActivePolicy,
  openEvaluationEnvironment,
  openQueue,
  QueueUnreachableError,
  runEvaluationInProcess,
  startEvaluationRun,
  summariseRun,
  waitForRun,
  type EvaluationDeps,
  type EvaluationRequest,
  type EvaluationSummary,
} from '@kam/evaluation';
import { PolicyValidationError } from '@kam/policies';
import { CliFailure, UsageError } from '../cli-errors.js';
import { isoDate, wholeNumber, type GlobalOptions } from '../cli-options.js';
import { withEngine } from '../engine.js';
import { createProgress } from '../output/progress.js';
import { renderTable } from '../output/table.js';

type EvaluateFlags = Readonly<{
  policy?: string;
  asOf?: Date;
  dryRun?: boolean;
  queue?: boolean;
  queuePrefix: string;
  batchSize: number;
  json?: boolean;
}>;

/** Settles with the promise, or with `undefined` once `ms` have passed: Redis is a courtesy here. */
const atMost = <T>(promise: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([promise, sleep(ms, undefined, { ref: false }).then(() => undefined)]);

/**
 * Queues the run, then lets go of Redis: the run's progress lives in SQLite, so waiting for it must
 * not hang on a Redis that went away right after the plan job was queued (workers re-queue what a
 * restarted Redis lost).
 */
const startOnQueue = async (
  deps: EvaluationDeps,
  request: EvaluationRequest,
  redisUrl: string,
  prefix: string,
) => {
  const queue = openQueue({ redisUrl, prefix });
  try {
    const { runId } = await startEvaluationRun(deps, request, { queue });
    if ((await atMost(queue.getWorkersCount(), 2_000)) === 0) {
      process.stderr.write(
        `evaluate: run ${runId} is queued, but no worker is connected yet: start one with kam worker\n`,
      );
    }
    return runId;
  } finally {
    if (
      (await atMost(
        queue.close().then(() => true),
        2_000,
      )) !== true
    )
      await atMost(queue.disconnect(), 1_000);
  }
};

const runOnQueue = async (
  deps: EvaluationDeps,
  request: EvaluationRequest,
  redisUrl: string,
  prefix: string,
): Promise<EvaluationSummary> => {
  const started = performance.now();
  const runId = await startOnQueue(deps, request, redisUrl, prefix);
  const progress = createProgress('evaluate', 'accounts');
  try {
    const run = await waitForRun(deps.db, runId, {
      onProgress: ({ done, total }) => progress.update(done, total),
    });
    return summariseRun(run, (performance.now() - started) / 1000);
  } finally {
    progress.stop();
  }
};

const runHere = async (deps: EvaluationDeps, request: EvaluationRequest): Promise<EvaluationSummary> => {
  const progress = createProgress('evaluate', 'accounts');
  try {
    return await runEvaluationInProcess(deps, request, {
      onProgress: ({ done, total }) => progress.update(done, total),
    });
  } finally {
    progress.stop();
  }
};

const evaluate = async (config: KamConfig, flags: EvaluateFlags): Promise<EvaluationSummary> => {
  const { policy } = await loadActivePolicy(config, flags.policy);
  const request: EvaluationRequest = { policy, asOf: flags.asOf, trigger: 'cli', batchSize: flags.batchSize };
  return withEngine(config, async (engine) => {
    const { store, repository } = engine;
    const environment = await openEvaluationEnvironment({
      sqliteFile: config.sqliteFile,
      store,
      repository,
      // Threads append to the SQLite file themselves: only when it is the engine's log.
      batchThreads: config.eventStore === 'sqlite' ? 'auto' : 0,
    });
    try {
      if (flags.dryRun) return await dryRunEvaluation(environment.deps, request);
      if (flags.queue && config.redisUrl) {
        return await runOnQueue(environment.deps, request, config.redisUrl, flags.queuePrefix);
      }
      return await runHere(environment.deps, request);
    } finally {
      await environment.close();
    }
  });
};

const printSummary = (summary: EvaluationSummary, dryRun: boolean): void => {
  const tiers = Object.entries(summary.byTier).map(([tier, figures]) => [
    tier,
    String(figures.accounts),
    String(figures.changed),
    String(figures.entered),
    String(figures.left),
  ]);
  const verb = dryRun ? 'would change' : 'changed';
  process.stdout.write(
    [
      `${dryRun ? 'Dry run (nothing recorded)' : 'Evaluation run'} ${summary.runId}, policy ${summary.policyVersion}`,
      `  accounts   ${summary.accounts}`,
      `  ${verb.padEnd(10)} ${summary.changed}`,
      `  unchanged  ${summary.unchanged}`,
      `  failed     ${summary.failed}`,
      `  time       ${summary.seconds} s`,
      '',
      renderTable(['tier', 'accounts', verb, 'entered', 'left'], tiers),
      '',
    ].join('\n'),
  );
};

/** Errors of this command, said in terms of its flags. */
const explain = (error: unknown): unknown => {
  if (error instanceof EvaluationRequestError && error.field === 'asOf')
    return new UsageError(`--as-of: ${error.message.slice('asOf: '.length)}`);
  if (error instanceof EvaluationRequestError) return new CliFailure(error.message);
  if (error instanceof PolicyValidationError)
    return new CliFailure(`${error.message}\nCheck it with: kam policy validate ${error.source}`);
  if (error instanceof QueueUnreachableError)
    return new CliFailure(
      `${error.message}. Start Redis (or fix REDIS_URL), or leave out --queue to evaluate in this process.`,
    );
  if (error instanceof EvaluationRunFailedError)
    return new CliFailure(`${error.message}. Failed jobs are kept: see /queues on kam serve.`);
  return error;
};

export const registerEvaluateCommand = (program: Command): void => {
  program
    .command('evaluate')
    .description('one evaluation run now: re-tier the whole portfolio and record only real changes')
    .option('--policy <file>', 'policy file (YAML or JSON); default KAM_POLICY_FILE or the built-in policy')
    .option('--as-of <date>', 'evaluate as of this date (default now; not in the future)', isoDate)
    .option('--dry-run', 'compute and report what would change, recording nothing')
    .option('--queue', 'run through BullMQ workers (kam worker) and wait for them; needs REDIS_URL')
    .option('--batch-size <n>', 'accounts per batch job', wholeNumber(1, 100_000), 1000)
    .option('--queue-prefix <prefix>', 'Redis key prefix of the queue (the workers’ --queue-prefix)', 'kam')
    .option('--json', 'print the figures as JSON on stdout')
    .action(async (flags: EvaluateFlags, command: Command) => {
      const config = loadConfig(process.env, command.optsWithGlobals<GlobalOptions>());
      if (flags.queue && config.redisUrl === null && !flags.dryRun) {
        throw new UsageError(
          '--queue needs REDIS_URL (e.g. redis://127.0.0.1:6379); without it, leave --queue out',
        );
      }
      const summary = await evaluate(config, flags).catch((error: unknown) => Promise.reject(explain(error)));
      if (flags.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else printSummary(summary, Boolean(flags.dryRun));
    });
};
