import {
  ACCOUNT_EVENT_SCHEMA_VERSIONS,
  accountStreamId,
  evolve,
  initialState,
  upcast,
  type Account,
  type AccountEvent,
} from '@kam/domain';
import type { EventStore, RecordedEvent, StreamRead } from '@kam/event-store';
import { recordedHash } from './hash-chain.js';

/** `hash`: the last event's chain hash, which the next append links to (null: none yet). */
export type LoadedAccount = Readonly<{
  state: Account;
  revision: bigint;
  position: bigint | null;
  hash: string | null;
}>;

const EMPTY: LoadedAccount = { state: initialState(), revision: -1n, position: null, hash: null };

export const toAccountEvent = (recorded: RecordedEvent): AccountEvent =>
  upcast(recorded.type, recorded.metadata.schemaVersion, recorded.data);

/** Streams read at once by a store without a multi-stream read. */
const PARALLEL_READS = 16;

const folded = (loaded: LoadedAccount, recorded: RecordedEvent): LoadedAccount => ({
  state: evolve(loaded.state, toAccountEvent(recorded)),
  revision: recorded.revision,
  position: recorded.position,
  hash: recordedHash(recorded),
});

export const schemaVersionOf = (event: AccountEvent): number => ACCOUNT_EVENT_SCHEMA_VERSIONS[event.type];

/**
 * Folds an account's stream. States are immutable, so a folded state can be kept and carried
 * forward from its revision: a later load reads only the events after it, which keeps long-lived
 * accounts cheap to command. The cache never goes stale: events are never changed, only added.
 */
export class AccountRepository {
  private readonly cache = new Map<string, LoadedAccount>();
  /** Streams whose cached state `warm` loaded and no load has taken yet (see `loadMany`'s `takeWarmed`). */
  private readonly warmed = new Set<string>();
  /**
   * The cache's keys in insertion order, left where the last eviction stopped. A fresh `keys()` per
   * eviction starts at the table's first slot and steps over every entry deleted since its last
   * rehash, and `remember` deletes one per call: thousands of slots per eviction once the cache is
   * full (a third of a second per 50,000 accounts of an evaluation). Whatever lies before this
   * cursor has been evicted or moved to the end, so its next key is still the least recently kept.
   */
  private evictionCursor = this.cache.keys();

  constructor(
    private readonly store: EventStore,
    private readonly maxCached = 10_000,
  ) {}

  async load(accountId: string): Promise<LoadedAccount> {
    const streamId = accountStreamId(accountId);
    let loaded = this.cache.get(streamId) ?? EMPTY;
    const fromRevision = loaded.revision + 1n;
    for await (const recorded of this.store.readStream(streamId, { fromRevision })) {
      loaded = folded(loaded, recorded);
    }
    this.remember(streamId, loaded);
    return loaded;
  }

  /**
   * Many accounts as they are now, each carried forward from its cached state like `load`, in as
   * few reads as the store allows (one query per few hundred accounts on SQLite): for machine
   * writers that command a batch of accounts at once. Keyed by account id.
   */
  async loadMany(
    accountIds: readonly string[],
    options: Readonly<{ takeWarmed?: boolean }> = {},
  ): Promise<Map<string, LoadedAccount>> {
    const found = new Map<string, LoadedAccount>();
    const toRead = options.takeWarmed === true ? this.takeWarmed(accountIds, found) : accountIds;
    if (toRead.length === 0) return found;
    if (this.store.readStreams === undefined) {
      for (let start = 0; start < toRead.length; start += PARALLEL_READS) {
        const slice = toRead.slice(start, start + PARALLEL_READS);
        const states = await Promise.all(slice.map((accountId) => this.load(accountId)));
        slice.forEach((accountId, i) => found.set(accountId, states[i] ?? EMPTY));
      }
      return found;
    }
    const byStream = new Map<string, Readonly<{ accountId: string; loaded: LoadedAccount }>>();
    const reads: StreamRead[] = [];
    for (const accountId of toRead) {
      const streamId = accountStreamId(accountId);
      const loaded = this.cache.get(streamId) ?? EMPTY;
      byStream.set(streamId, { accountId, loaded });
      reads.push({ streamId, fromRevision: loaded.revision + 1n });
    }
    for await (const recorded of this.store.readStreams(reads)) {
      const entry = byStream.get(recorded.streamId);
      if (entry !== undefined)
        byStream.set(recorded.streamId, { ...entry, loaded: folded(entry.loaded, recorded) });
    }
    for (const [streamId, { accountId, loaded }] of byStream) {
      this.remember(streamId, loaded);
      found.set(accountId, loaded);
    }
    return found;
  }

  /**
   * Loads these accounts into the cache ahead of a `loadMany` that takes them (`takeWarmed`)
   * without reading their tails: an evaluation run's batch threads do this while the run is
   * planned, when they would otherwise wait. Returns how many were loaded; the cache keeps at most
   * its size, so warming more than that only evicts what was warmed first.
   */
  async warm(accountIds: readonly string[]): Promise<number> {
    const loaded = await this.loadMany(accountIds);
    for (const [accountId, account] of loaded)
      if (account.revision >= 0n) this.warmed.add(accountStreamId(accountId));
    return loaded.size;
  }

  /**
   * The warmed states among `accountIds`, each taken once, into `found`; returns the ids left to
   * read. A warmed state may have been overtaken by an append since: the caller appends with its
   * revision, so that costs a conflict and a re-read, never a lost write.
   */
  private takeWarmed(accountIds: readonly string[], found: Map<string, LoadedAccount>): readonly string[] {
    if (this.warmed.size === 0) return accountIds;
    const rest: string[] = [];
    for (const accountId of accountIds) {
      const streamId = accountStreamId(accountId);
      const cached = this.warmed.delete(streamId) ? this.cache.get(streamId) : undefined;
      if (cached === undefined) rest.push(accountId);
      else found.set(accountId, cached);
    }
    return rest;
  }

  /** After an append, the writer already knows the new state: no need to read it back. */
  remember(streamId: string, loaded: LoadedAccount): void {
    if (loaded.revision < 0n) return;
    this.cache.delete(streamId);
    this.cache.set(streamId, loaded);
    if (this.cache.size > this.maxCached) {
      let oldest = this.evictionCursor.next();
      if (oldest.done) {
        // A finished iterator stays finished; it can only finish on an empty cache, but be sure.
        this.evictionCursor = this.cache.keys();
        oldest = this.evictionCursor.next();
      }
      if (!oldest.done) {
        this.cache.delete(oldest.value);
        this.warmed.delete(oldest.value);
      }
    }
  }
}
