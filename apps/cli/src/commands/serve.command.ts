import type { Command } from 'commander';
import { loadConfig } from '@kam/config';
import { startApiServer } from '../../../api/src/api-server.js';
import { ProjectionRunnerModule } from '../../../api/src/projections/projection-runner.module.js';
import { CliFailure, UsageError } from '../cli-errors.js';
import { wholeNumber, type GlobalOptions } from '../cli-options.js';

type ServeFlags = Readonly<{ port?: number; host?: string; rateLimit: number }>;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const DEFAULT_RATE_LIMIT_PER_MINUTE = 6000;

const errorCode = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;

export const registerServeCommand = (program: Command): void => {
  program
    .command('serve')
    .description('the HTTP API (OpenAPI at /docs), with the projection runner and the evaluation scheduler')
    .option(
      '--port <port>',
      'port to listen on (env PORT, default 3000; 0 picks a free port)',
      wholeNumber(0, 65_535),
    )
    .option('--host <address>', 'address to listen on (default 0.0.0.0 with API keys, 127.0.0.1 without)')
    .option(
      '--rate-limit <perMinute>',
      `requests per minute per client address; 0 turns it off (default ${DEFAULT_RATE_LIMIT_PER_MINUTE})`,
      wholeNumber(0, 100_000_000),
      DEFAULT_RATE_LIMIT_PER_MINUTE,
    )
    .action(async (flags: ServeFlags, command: Command) => {
      const config = loadConfig(process.env, command.optsWithGlobals<GlobalOptions>());
      const open = config.apiKeys.length === 0;
      const host = flags.host ?? (open ? '127.0.0.1' : '0.0.0.0');
      if (open && !LOOPBACK.has(host)) {
        throw new UsageError(
          `--host ${host}: without KAM_API_KEYS the API listens on loopback only; configure keys first`,
        );
      }
      if (open) {
        process.stderr.write(
          "kam serve: no KAM_API_KEYS configured: listening on loopback only; every request is allowed and recorded as actor 'local'\n",
        );
      }
      const port = flags.port ?? config.port;
      try {
        const server = await startApiServer({
          config,
          port,
          host,
          rateLimitPerMinute: flags.rateLimit,
          background: [ProjectionRunnerModule],
          scheduleEvaluations: true,
          exitOnSignal: true,
        });
        process.stdout.write(`kam serve: listening on ${server.url} (OpenAPI at ${server.url}/docs)\n`);
      } catch (error) {
        if (errorCode(error) === 'EADDRINUSE')
          throw new CliFailure(`port ${port} on ${host} is in use; choose another with --port`);
        if (errorCode(error) === 'EADDRNOTAVAIL')
          throw new CliFailure(`--host ${host} is not an address of this machine`);
        throw error;
      }
    });
};
