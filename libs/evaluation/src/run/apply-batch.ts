import { WrongExpectedVersionError } from '@kam/event-store/port';
import {
  appendDecision,
  decideNext,
  startDecision,
  type AccountDecision,
  type LoadedAccount,
} from '@kam/application/command-path';
import { DomainError } from '@kam/domain';
import type { OpenChange } from '../store/run-account.store.js';
import { movesStage, reclassifyCommand, stageCommand } from './account-commands.js';
import {
  applyChange,
  contextFor,
  type AppliedChange,
  type ApplyDeps,
  type RunInProgress,
} from './apply-change.js';
import { runPool, type PoolOutcome } from './run-pool.js';

/** The reclassification and, when the stage moves, the stage command, decided on one state. */
const decideChange = (
  loaded: LoadedAccount,
  change: OpenChange,
  run: RunInProgress,
  now: string,
): AccountDecision => {
  const reclassify = reclassifyCommand(change, run, now);
  let decision = decideNext(startDecision(change.accountId, loaded), reclassify, contextFor(run, reclassify));
  if (!movesStage(change) || decision.state.status !== 'Active') return decision;
  const stage = stageCommand(change, decision.state, run, now);
  if (stage !== null) decision = decideNext(decision, stage, contextFor(run, stage));
  return decision;
};

type Attempted = Readonly<{ done: AppliedChange[]; again: OpenChange[]; failure: unknown }>;

/**
 * The batch at once: its accounts read in a few queries, each account's commands decided together,
 * and every account's events appended with the revision read, all queued in the same turn so the
 * store writes them in one group commit. What this cannot settle (a broken rule, someone writing
 * to the account meanwhile) is left for the one-account path.
 */
const attemptTogether = async (
  deps: ApplyDeps,
  run: RunInProgress,
  changes: readonly OpenChange[],
): Promise<Attempted> => {
  // A state warmed while the run was planned is taken as it is: appending with its revision
  // catches any write since, and such a change goes to the one-account path below.
  const states = await deps.repository.loadMany(
    changes.map((change) => change.accountId),
    { takeWarmed: true },
  );
  const now = deps.clock().toISOString();
  const done: AppliedChange[] = [];
  const again: OpenChange[] = [];
  const appending: Promise<unknown>[] = [];
  const appended: OpenChange[] = [];
  for (const change of changes) {
    const loaded = states.get(change.accountId);
    let decision: AccountDecision | null = null;
    try {
      if (loaded !== undefined) decision = decideChange(loaded, change, run, now);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
    if (decision === null) {
      again.push(change);
      continue;
    }
    if (decision.events.length === 0) {
      done.push({ accountId: change.accountId, outcome: 'unchanged', error: null });
      continue;
    }
    appended.push(change);
    appending.push(appendDecision(deps.store, deps.repository, decision));
  }
  const settled = await Promise.allSettled(appending);
  let failure: unknown = null;
  settled.forEach((result, i) => {
    const change = appended[i] as OpenChange;
    if (result.status === 'fulfilled')
      done.push({ accountId: change.accountId, outcome: 'changed', error: null });
    else if (result.reason instanceof WrongExpectedVersionError) again.push(change);
    else failure ??= result.reason;
  });
  return { done, again, failure };
};

/**
 * Applies a batch's changes. Changes whose earlier application was interrupted, and those the
 * batch path left, go one by one through `applyChange` (re-read, decide, append, retry on a
 * conflict). The outcome is the same either way; the batch path only saves reads and commits.
 */
export const applyBatch = async (
  deps: ApplyDeps,
  run: RunInProgress,
  changes: readonly OpenChange[],
  concurrency: number,
): Promise<PoolOutcome<AppliedChange>> => {
  const fresh = changes.filter((change) => !change.interrupted);
  const { done, again, failure } = await attemptTogether(deps, run, fresh);
  if (failure !== null) return { results: done, failure: { error: failure } };
  const rest = [...changes.filter((change) => change.interrupted), ...again];
  const slow = await runPool(rest, concurrency, (change) =>
    applyChange(deps, run, change, change.interrupted),
  );
  return { results: [...done, ...slow.results], failure: slow.failure };
};
