import { accountStreamId, DomainError, type AccountCommand, type AccountEventType } from '@kam/domain';
import {
  handleAccountCommand,
  withConflictRetry,
  type AccountRepository,
  type CommandContext,
} from '@kam/application/command-path';
import type { EventStore } from '@kam/event-store';
import { movesStage, reclassifyCommand, stageCommand, type RunIdentity } from './account-commands.js';
import type { AccountOutcome, PlannedChange } from './evaluation-run.types.js';
import { runEventId } from './run-ids.js';

export type ApplyDeps = Readonly<{ store: EventStore; repository: AccountRepository; clock: () => Date }>;

/** The run as its batches see it: who it is, and where the log stood when it read the portfolio. */
export type RunInProgress = RunIdentity & Readonly<{ headPosition: bigint }>;

const EVENT_OF: Readonly<Partial<Record<AccountCommand['type'], AccountEventType>>> = {
  ReclassifyAccount: 'AccountReclassified',
  InferLifecycleStage: 'LifecycleStageInferred',
  WinBackAccount: 'AccountWonBack',
};

/**
 * The event types this run already recorded on the account. Its events all come after the head it
 * read, so reading backwards stops at the first older event: usually one row.
 */
const recordedByRun = async (
  store: EventStore,
  accountId: string,
  run: RunInProgress,
): Promise<Set<string>> => {
  const types = new Set<string>();
  for await (const event of store.readStream(accountStreamId(accountId), { direction: 'backwards' })) {
    if (event.position <= run.headPosition) break;
    if (event.metadata.correlationId === run.runId) types.add(event.type);
  }
  return types;
};

/**
 * The metadata names the run and its policy; the reasons themselves are in the event's data. Copied
 * into the metadata as well they made each evaluation event half as long again, on every one of a
 * run's hundred thousand appends, hashes and reads.
 */
export const contextFor = (run: RunInProgress, command: AccountCommand): CommandContext => ({
  actor: 'evaluation',
  reason: `evaluation run ${run.runId} (policy ${run.policyId} ${run.policyVersion})`,
  correlationId: run.runId,
  causationId: run.runId,
  eventIds: (index) => runEventId(run.runId, command.data.accountId, command.type, index),
});

/**
 * One attempt: read the account as it is now, decide, append. Returns how many events this run has
 * on the account. Only a change whose earlier application was interrupted can have some already.
 */
const attempt = async (
  deps: ApplyDeps,
  run: RunInProgress,
  change: PlannedChange,
  interrupted: boolean,
): Promise<number> => {
  const done = interrupted ? await recordedByRun(deps.store, change.accountId, run) : new Set<string>();
  const now = deps.clock().toISOString();
  let appended = done.size;
  const send = async (command: AccountCommand): Promise<void> => {
    if (done.has(EVENT_OF[command.type] ?? '')) return;
    const context = contextFor(run, command);
    appended += (await handleAccountCommand(deps.store, deps.repository, command, context)).events.length;
  };
  // Sent without reading first: the command path reads the account, and its decider records
  // nothing when tier and score stay (or refuses an account that is not registered).
  await send(reclassifyCommand(change, run, now));
  if (!movesStage(change)) return appended;
  const { state } = await deps.repository.load(change.accountId);
  const command = state.status === 'Active' ? stageCommand(change, state, run, now) : null;
  if (command !== null) await send(command);
  return appended;
};

export type AppliedChange = Readonly<{ accountId: string; outcome: AccountOutcome; error: string | null }>;

/**
 * Applies one planned change. A conflict (someone wrote to the account meanwhile) re-reads and
 * decides again; an account the domain refuses is counted failed with the reason, and the run goes
 * on. Anything else (the store is down) is thrown, so the batch is retried.
 */
export const applyChange = async (
  deps: ApplyDeps,
  run: RunInProgress,
  change: PlannedChange,
  interrupted = false,
): Promise<AppliedChange> => {
  try {
    const appended = await withConflictRetry(() => attempt(deps, run, change, interrupted));
    return { accountId: change.accountId, outcome: appended > 0 ? 'changed' : 'unchanged', error: null };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { accountId: change.accountId, outcome: 'failed', error: `${error.code}: ${error.message}` };
  }
};
