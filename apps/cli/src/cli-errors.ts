import { ConfigError } from '@kam/config';
import { DomainError } from '@kam/domain';
import {
  EventStoreCorruptError,
  EventStoreUnavailableError,
  WrongExpectedVersionError,
} from '@kam/event-store';
import {
  ProjectionFailedError,
  ProjectionLockedError,
  UnknownProjectionError,
  WaitForPositionTimeoutError,
} from '@kam/projections';

/** Errors whose own message already says what happened and what to do: shown as they are. */
const SELF_EXPLAINING: readonly (abstract new (...args: never[]) => Error)[] = [
  UnknownProjectionError,
  ProjectionLockedError,
  ProjectionFailedError,
  WaitForPositionTimeoutError,
];

/** A mistake in how `kam` was called: exit code 2, one line naming the flag or argument. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A failure while running: exit code 1, with what happened and what to do next. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The one place where errors become exit codes and messages for people. */
export const describeFailure = (error: unknown): Readonly<{ exitCode: number; message: string }> => {
  if (error instanceof UsageError) return { exitCode: EXIT_USAGE, message: error.message };
  if (error instanceof ConfigError) {
    return {
      exitCode: EXIT_FAILURE,
      message: `configuration: ${error.message}. Fix the variable and start again.`,
    };
  }
  if (error instanceof EventStoreCorruptError) {
    return {
      exitCode: EXIT_FAILURE,
      message: `${error.message}. The file was left untouched; point --data-dir at another directory.`,
    };
  }
  if (error instanceof EventStoreUnavailableError) {
    return {
      exitCode: EXIT_FAILURE,
      message: `${error.message}. Check that the event store is running and reachable.`,
    };
  }
  if (error instanceof WrongExpectedVersionError) {
    return {
      exitCode: EXIT_FAILURE,
      message: `${error.message}. Someone else changed the account; run the command again.`,
    };
  }
  if (error instanceof DomainError) {
    const details = error.violations.map((v) => `${v.field} (${v.rule}): ${v.message}`).join('; ');
    return { exitCode: EXIT_FAILURE, message: `${error.code}: ${details || error.message}` };
  }
  if (error instanceof CliFailure) return { exitCode: EXIT_FAILURE, message: error.message };
  if (SELF_EXPLAINING.some((type) => error instanceof type)) {
    return { exitCode: EXIT_FAILURE, message: (error as Error).message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    exitCode: EXIT_FAILURE,
    message: `unexpected failure: ${message}. Run again with KAM_DEBUG=1 for the stack trace.`,
  };
};
