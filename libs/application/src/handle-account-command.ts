import { randomUUID } from 'node:crypto';
import {
  accountStreamId,
  decide,
  DomainError,
  evolve,
  type Account,
  type AccountCommand,
  type AccountEvent,
} from '@kam/domain';
import { WrongExpectedVersionError, type EventStore, type EventToAppend } from '@kam/event-store/port';
import { schemaVersionOf, type AccountRepository, type LoadedAccount } from './account-repository.js';
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

/**
 * Commands decided on an account as loaded, each on the state the one before it left, and not yet
 * appended: what one append will record, all or nothing, with the revision read.
 */
export type AccountDecision = Readonly<{
  accountId: string;
  loaded: LoadedAccount;
  state: Account;
  events: readonly AccountEvent[];
  toAppend: readonly EventToAppend[];
}>;

export const startDecision = (accountId: string, loaded: LoadedAccount): AccountDecision => ({
  accountId,
  loaded,
  state: loaded.state,
  events: [],
  toAppend: [],
});

/** Decides one more command on the state the decision has reached; a broken rule is thrown. */
export const decideNext = (
  decision: AccountDecision,
  command: AccountCommand,
  context: CommandContext,
): AccountDecision => {
  const decided = decide(command, decision.state);
  if (decided instanceof DomainError) throw decided;
  if (decided.length === 0) return decision;
  return {
    ...decision,
    state: decided.reduce(evolve, decision.state),
    events: [...decision.events, ...decided],
    toAppend: [...decision.toAppend, ...toAppend(decided, context)],
  };
};

/**
 * Appends what was decided, expecting the revision it was decided on, and keeps the new state in
 * the repository. Nothing decided: nothing written.
 */
export const appendDecision = async (
  store: EventStore,
  repository: AccountRepository,
  decision: AccountDecision,
): Promise<CommandOutcome> => {
  const { accountId, loaded, events: decided } = decision;
  if (decided.length === 0)
    return { accountId, revision: loaded.revision, position: loaded.position, events: [] };
  const streamId = accountStreamId(accountId);
  const expectedRevision = loaded.revision < 0n ? 'no_stream' : loaded.revision;
  const events = chainEvents(loaded.hash ?? GENESIS_HASH, decision.toAppend);
  const result = await store.appendToStream(streamId, events, { expectedRevision });
  repository.remember(streamId, {
    state: decision.state,
    revision: result.nextExpectedRevision,
    position: result.position,
    hash: lastHash(events) ?? loaded.hash,
  });
  return { accountId, revision: result.nextExpectedRevision, position: result.position, events: decided };
};

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
  return appendDecision(store, repository, decideNext(startDecision(accountId, loaded), command, context));
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
