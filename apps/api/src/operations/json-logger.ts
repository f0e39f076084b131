import type { LoggerService } from '@nestjs/common';

type Level = 'error' | 'warn' | 'info' | 'debug';

/** One JSON object per line on stderr: what log shippers read without a parser of their own. */
export const writeLogLine = (
  level: Level,
  message: string,
  fields: Readonly<Record<string, unknown>> = {},
): void => {
  process.stderr.write(
    `${JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields })}\n`,
  );
};

const textOf = (message: unknown): string =>
  typeof message === 'string' ? message : JSON.stringify(message);

// Nest's start-up narration (every module loaded, every route mapped): noise unless debugging.
const BOOT_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

/** Nest's own messages in the same one-line JSON shape as the request log. */
export class JsonLogger implements LoggerService {
  constructor(private readonly chatty = false) {}

  log(message: unknown, context?: string): void {
    if (this.chatty || (context !== undefined && !BOOT_CONTEXTS.has(context))) {
      writeLogLine('info', textOf(message), { context });
    }
  }
  error(message: unknown, stack?: string, context?: string): void {
    writeLogLine('error', textOf(message), { context, stack });
  }
  warn(message: unknown, context?: string): void {
    writeLogLine('warn', textOf(message), { context });
  }
  debug(message: unknown, context?: string): void {
    if (this.chatty) writeLogLine('debug', textOf(message), { context });
  }
  verbose(message: unknown, context?: string): void {
    this.debug(message, context);
  }
}
