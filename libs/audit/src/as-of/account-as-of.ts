import type { EventStore } from '@kam/event-store';
import { AccountReplica } from '../replica/account-replica.js';
import { overdueAt, windowTotalsOf } from '../replica/replica-figures.js';
import { toAccountView, type AccountView } from '../replica/projection-model.js';
import { AccountEventCache, readTimedEvents, type TimedEvent } from './account-event-cache.js';
import type { FoldStart } from './account-history.js';
import { AccountNotFoundError, AccountNotYetRegisteredError } from './as-of.errors.js';
import { resolveAsOfQuery, type AsOfQuery, type ResolvedAsOf } from './as-of-dates.js';

/**
 * The account as `kam accounts show` prints it, for a past date: `revision` is the last revision
 * folded in, `asOf` the business instant and `knownAt` the log instant it was built for.
 */
export type AccountAsOf = AccountView & Readonly<{ knownAt: string | null }>;

export type AsOfOptions = Readonly<{
  /** Keeps decoded streams between calls (an API process); without it, each call reads the stream. */
  cache?: AccountEventCache;
  now?: () => Date;
}>;

const included = (timed: TimedEvent, { asOf, knownAt }: ResolvedAsOf): boolean =>
  timed.occurredAt <= asOf && (knownAt === null || timed.recordedAt <= knownAt);

const notYet = (accountId: string, events: readonly TimedEvent[], when: ResolvedAsOf) => {
  const registration = events.find((timed) => timed.event.type === 'AccountRegistered');
  return new AccountNotYetRegisteredError(
    accountId,
    when.asOf,
    when.knownAt,
    registration?.occurredAt ?? null,
    registration?.recordedAt ?? null,
  );
};

/** Folds the account's events that happened by `asOf` (and were recorded by `knownAt`), in log order. */
export const foldAccountAsOf = (
  accountId: string,
  events: readonly TimedEvent[],
  when: ResolvedAsOf,
  start: FoldStart = { replica: new AccountReplica(), next: 0 },
): AccountAsOf => {
  if (events.length === 0) throw new AccountNotFoundError(accountId);
  const { replica } = start;
  for (let i = start.next; i < events.length; i += 1) {
    const timed = events[i];
    if (timed !== undefined && included(timed, when)) replica.apply(timed.event);
  }
  if (replica.summary === null) throw notYet(accountId, events, when);
  const totals = windowTotalsOf(replica, when.asOf);
  const view = toAccountView(replica.summary, totals, overdueAt(replica, when.asOf), when.asOf);
  return { ...view, knownAt: when.knownAt };
};

/**
 * Two clocks: `asOf` answers "how did the account really stand then" (facts that happened by then,
 * including those recorded later); `knownAt` adds "as the engine knew it then" (recorded by then).
 * Throws AccountNotFoundError, AccountNotYetRegisteredError or AsOfDateError.
 */
export const accountAsOf = async (
  store: EventStore,
  accountId: string,
  query: AsOfQuery,
  options: AsOfOptions = {},
): Promise<AccountAsOf> => {
  const when = resolveAsOfQuery(query, options.now ?? (() => new Date()));
  if (options.cache === undefined) {
    return foldAccountAsOf(accountId, await readTimedEvents(store, accountId), when);
  }
  const history = await options.cache.history(accountId);
  return foldAccountAsOf(accountId, history.events, when, history.startFor(when));
};
