import { EventStoreDBClient, isCommandError } from '@eventstore/db-client';

import { EventStoreUnavailableError } from '../event-store.errors.js';

const EXAMPLE = 'esdb://127.0.0.1:2113?tls=false';
// The client's own default deadline for unary calls; a connection string may lower it.
const DEFAULT_DEADLINE_MS = 10_000;

/** KurrentDB renamed the scheme; client 6.x only parses the EventStoreDB spelling, which means the same. */
const normaliseScheme = (connectionString: string): string =>
  connectionString.trim().replace(/^(kurrentdb|kurrent|kdb)(\+discover)?:\/\//i, 'esdb$2://');

/**
 * Checks a connection string the way the client parses it, and returns it in the form the client
 * accepts. The error names the environment variable so that start-up can stop with a useful message.
 */
export const validateEventStoreConnectionString = (connectionString: string): string => {
  const normalised = normaliseScheme(connectionString);
  if (normalised === '') {
    throw new Error(`EVENTSTORE_CONNECTION_STRING is empty; expected a connection string such as ${EXAMPLE}`);
  }
  try {
    EventStoreDBClient.connectionString(normalised);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `EVENTSTORE_CONNECTION_STRING is not a valid EventStoreDB connection string (expected e.g. ${EXAMPLE}): ${reason}`,
      { cause: error },
    );
  }
  return normalised;
};

/** Host list of a connection string, without credentials or options, for error messages. */
export const describeTarget = (connectionString: string): string =>
  connectionString
    .replace(/^[^:]+:\/\//, '')
    .replace(/^[^@/?]*@/, '')
    .replace(/[/?].*$/, '');

export const deadlineOf = (connectionString: string): number => {
  const match = /[?&]defaultDeadline=(\d+)/i.exec(connectionString);
  return match?.[1] ? Number(match[1]) : DEFAULT_DEADLINE_MS;
};

const CONNECTION_LOSS = new Set(['unavailable', 'deadline-exceeded', 'cancelled', 'not-leader', 'timeout']);
// gRPC status codes that mean no EventStoreDB answered: 4 deadline exceeded, 14 unavailable, and 12
// unimplemented, which is what a proxy or any other HTTP/2 server at that address replies.
const UNREACHABLE_CODES = new Set([4, 12, 14]);

/** Errors that mean "the server is not there (right now)", as opposed to a refusal. */
export const isConnectionLoss = (error: unknown): boolean => {
  if (error instanceof EventStoreUnavailableError) return true;
  if (error instanceof Error && isCommandError(error) && CONNECTION_LOSS.has(error.type)) return true;
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'number' && UNREACHABLE_CODES.has(code);
};

export const unreachable = (target: string, error: unknown): EventStoreUnavailableError => {
  if (error instanceof EventStoreUnavailableError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new EventStoreUnavailableError(`event store unreachable at ${target}: ${reason}`, error);
};

/** Rejects with `onTimeout()` when `work` has not settled within `ms`; never keeps the process alive. */
export const withDeadline = <T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref();
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
};
