import type { Command } from 'commander';
import { loadConfig } from '@kam/config';
import { runWorker } from '../../../worker/src/run-worker.js';
import { CliFailure } from '../cli-errors.js';
import { wholeNumber, type GlobalOptions } from '../cli-options.js';

type WorkerFlags = Readonly<{
  concurrency: number;
  lockMs: number;
  recoverMs: number;
  queuePrefix: string;
  verbose?: boolean;
}>;

const redact = (url: string): string => url.replace(/\/\/[^@/]*@/, '//***@');

export const registerWorkerCommand = (program: Command): void => {
  program
    .command('worker')
    .description('BullMQ workers for evaluation runs (no HTTP); stops gracefully on SIGTERM')
    .option('--concurrency <n>', 'jobs this process runs at once', wholeNumber(1, 64), 1)
    .option(
      '--lock-ms <ms>',
      "how long a job stays locked without renewal: a killed worker's job is retried after it",
      wholeNumber(1000, 600_000),
      15_000,
    )
    .option(
      '--recover-ms <ms>',
      'how often to look for runs whose jobs a Redis outage lost, and queue them again',
      wholeNumber(500, 3_600_000),
      10_000,
    )
    .option('--queue-prefix <prefix>', 'Redis key prefix of the queue; the same for every process', 'kam')
    .option('--verbose', 'log every job to stderr')
    .action(async (flags: WorkerFlags, command: Command) => {
      const config = loadConfig(process.env, command.optsWithGlobals<GlobalOptions>());
      if (config.redisUrl === null) {
        throw new CliFailure(
          'kam worker needs REDIS_URL (e.g. redis://127.0.0.1:6379); without Redis, kam serve and kam evaluate run evaluations in-process',
        );
      }
      const redisUrl = config.redisUrl;
      const say = (line: string) => process.stderr.write(`kam worker: ${line}\n`);
      await runWorker(config, {
        queuePrefix: flags.queuePrefix,
        concurrency: flags.concurrency,
        recoverEveryMs: flags.recoverMs,
        lockDurationMs: flags.lockMs,
        stalledIntervalMs: Math.max(500, Math.round(flags.lockMs / 3)),
        log: (line) => {
          if (flags.verbose || !/ (done|started \(attempt \d+\))$/.test(line)) say(line);
        },
        onReady: () => say(`ready: taking evaluation jobs from ${redact(redisUrl)} (pid ${process.pid})`),
        onStopping: (signal) => say(`${signal}: finishing the job in hand, then stopping`),
      });
      say('stopped');
    });
};
