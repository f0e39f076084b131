import { randomUUID } from 'node:crypto';
import {
  accountStreamId,
  decide,
  DomainError,
  evolve,
  type AccountCommand,
  type AccountEvent,
} from '@kam/domain';
import { WrongExpectedVersionError, type EventStore, type EventToAppend } from '@kam/event-store';
import { schemaVersionOf, type AccountRepository } from './account-repository.js';
import type { CommandContext } from './command-context.js';
import { chainEvents, GENESIS_HASH, lastHash } from './hash-chain.js';

export type CommandOutcome = Readonly<{
  accountId: string;
  /** The stream's revision after the command (unchanged for a no-op). */
  revision: bigint;
  /** Global position of the last event written; for a no-op, of the stream's last event. */
  position: bigint | null;
  events: readonly AccountEvent[];
}>;

/** `If-Match` named a revision the stream is no longer at: the caller must re-read. */
export class PreconditionFailedError extends Error {
  override readonly name = 'PreconditionFailedError';
  constructor(
    readonly expected: bigint,
    readonly actual: bigint,
  ) {
    super(`The account is at revision ${actual}, not ${expected}: re-read it and try again`);
  }
}

const toAppend = (events: readonly AccountEvent[], context: CommandContext): EventToAppend[] =>
  events.map((event, index) => ({
    id: context.eventIds?.(index) ?? randomUUID(),
    type: event.type,
    data: event.data,
    metadata: {
      correlationId: context.correlationId,
      causationId: context.causationId,
      actor: context.actor,
      reason: context.reason ?? null,
      schemaVersion: schemaVersionOf(event),
    },
  }));

/** Read, fold, decide, append with the revision read. A conflict surfaces; machine callers retry. */
export const handleAccountCommand = async (
  store: EventStore,
  repository: AccountRepository,
  command: AccountCommand,
  context: CommandContext,
): Promise<CommandOutcome> => {
  const { accountId } = command.data;
  const loaded = await repository.load(accountId);
  if (context.ifMatchRevision !== undefined && context.ifMatchRevision !== loaded.revision) {
    throw new PreconditionFailedError(context.ifMatchRevision, loaded.revision);
  }
  const decided = decide(command, loaded.state);
  if (decided instanceof DomainError) throw decided;
  if (decided.length === 0)
    return { accountId, revision: loaded.revision, position: loaded.position, events: [] };

  const streamId = accountStreamId(accountId);
  const expectedRevision = loaded.revision < 0n ? 'no_stream' : loaded.revision;
  const events = chainEvents(loaded.hash ?? GENESIS_HASH, toAppend(decided, context));
  const result = await store.appendToStream(streamId, events, { expectedRevision });
  repository.remember(streamId, {
    state: decided.reduce(evolve, loaded.state),
    revision: result.nextExpectedRevision,
    position: result.position,
    hash: lastHash(events) ?? loaded.hash,
  });
  return { accountId, revision: result.nextExpectedRevision, position: result.position, events: decided };
};

/**
 * For machine callers only (imports, evaluation runs, the demo): a conflict means someone else wrote
 * first, so re-read and decide again on the new state. A person gets the conflict instead.
 */
export const withConflictRetry = async <T>(attempt: () => Promise<T>, maxAttempts = 5): Promise<T> => {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || tries >= maxAttempts) throw error;
    }
  }
};
