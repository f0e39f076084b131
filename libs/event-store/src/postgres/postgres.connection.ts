import pg from 'pg';
import { EventStoreUnavailableError } from '../event-store.errors.js';

const DEFAULT_DEADLINE_MS = 10_000;
/** An append waits for other writers' turns on the lock; past this, something is stuck. */
const STATEMENT_TIMEOUT_MS = 60_000;
const POOL_SIZE = 8;

/** Host, port and database of a URL, without credentials or options, for error messages. */
export function describeTarget(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname || '/'}`;
  } catch {
    return '(an unparsable DATABASE_URL)';
  }
}

export type PoolOptions = Readonly<{ databaseUrl: string; deadlineMs?: number; applicationName?: string }>;

export function createPool(options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: POOL_SIZE,
    connectionTimeoutMillis: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    keepAlive: true,
    allowExitOnIdle: true,
    application_name: options.applicationName ?? 'kam-ledger',
  });
  // An idle client whose server went away emits 'error' on the pool; unhandled, it would end the
  // process. The next query fails (and is translated) instead.
  pool.on('error', () => undefined);
  return pool;
}

/** A new connection of its own (LISTEN holds one for as long as subscriptions live). */
export function createClient(options: PoolOptions): pg.Client {
  return new pg.Client({
    connectionString: options.databaseUrl,
    connectionTimeoutMillis: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
    keepAlive: true,
    application_name: options.applicationName ?? 'kam-ledger',
  });
}

// Node's socket errors, and PostgreSQL's SQLSTATE classes 08 (connection exception) and 57P0x
// (server shutting down, crashed or unavailable): the server is not there, as opposed to a refusal.
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
const CONNECTION_MESSAGES =
  /timeout expired|Connection terminated|connection timeout|Client has encountered a connection error/i;

export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof EventStoreUnavailableError) return true;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (
    typeof code === 'string' &&
    (SOCKET_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code))
  )
    return true;
  return typeof message === 'string' && CONNECTION_MESSAGES.test(message);
}

export function unreachable(target: string, error: unknown): EventStoreUnavailableError {
  if (error instanceof EventStoreUnavailableError) return error;
  const reason =
    error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
  return new EventStoreUnavailableError(
    `event store unreachable: PostgreSQL at ${target} (DATABASE_URL) did not answer: ${reason}`,
    error,
  );
}

/** Connection losses become EventStoreUnavailableError naming DATABASE_URL; anything else stays as it is. */
export function translate(target: string, error: unknown): unknown {
  return isConnectionLoss(error) ? unreachable(target, error) : error;
}
