import type { LoggerService } from '@nestjs/common';

type Level = 'error' | 'warn' | 'info' | 'debug';

const lineOf = (level: Level, message: string, fields: Readonly<Record<string, unknown>>): string =>
  `${JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields })}\n`;

// Request lines are gathered and written once per turn of the event loop: stderr to a pipe or a file
// is a synchronous write in Node, and one per request (a syscall each) cost the API a tenth of its
// reads. Every other line goes out at once, after the gathered ones, so the order holds.
const FLUSH_BYTES = 64 * 1024;
let pending: string[] = [];
let pendingBytes = 0;
let flushScheduled = false;

/** Writes every gathered line now; runs by itself after each turn and when the process exits. */
export const flushLogLines = (): void => {
  flushScheduled = false;
  if (pending.length === 0) return;
  const text = pending.join('');
  pending = [];
  pendingBytes = 0;
  process.stderr.write(text);
};

process.on('exit', flushLogLines);

/** One JSON object per line on stderr: what log shippers read without a parser of their own. */
export const writeLogLine = (
  level: Level,
  message: string,
  fields: Readonly<Record<string, unknown>> = {},
): void => {
  flushLogLines();
  process.stderr.write(lineOf(level, message, fields));
};

/** The one line per request: the same shape, written with the others of the same turn. */
export const writeRequestLogLine = (fields: Readonly<Record<string, unknown>>): void => {
  const line = lineOf('info', 'request', fields);
  pending.push(line);
  pendingBytes += line.length;
  if (pendingBytes >= FLUSH_BYTES) flushLogLines();
  else if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushLogLines);
  }
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
