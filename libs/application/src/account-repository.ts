import {
  ACCOUNT_EVENT_SCHEMA_VERSIONS,
  accountStreamId,
  evolve,
  initialState,
  upcast,
  type Account,
  type AccountEvent,
} from '@kam/domain';
import type { EventStore, RecordedEvent } from '@kam/event-store';
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

export const schemaVersionOf = (event: AccountEvent): number => ACCOUNT_EVENT_SCHEMA_VERSIONS[event.type];

/**
 * Folds an account's stream. States are immutable, so a folded state can be kept and carried
 * forward from its revision: a later load reads only the events after it, which keeps long-lived
 * accounts cheap to command. The cache never goes stale: events are never changed, only added.
 */
export class AccountRepository {
  private readonly cache = new Map<string, LoadedAccount>();

  constructor(
    private readonly store: EventStore,
    private readonly maxCached = 10_000,
  ) {}

  async load(accountId: string): Promise<LoadedAccount> {
    const streamId = accountStreamId(accountId);
    let loaded = this.cache.get(streamId) ?? EMPTY;
    const fromRevision = loaded.revision + 1n;
    for await (const recorded of this.store.readStream(streamId, { fromRevision })) {
      loaded = {
        state: evolve(loaded.state, toAccountEvent(recorded)),
        revision: recorded.revision,
        position: recorded.position,
        hash: recordedHash(recorded),
      };
    }
    this.remember(streamId, loaded);
    return loaded;
  }

  /** After an append, the writer already knows the new state: no need to read it back. */
  remember(streamId: string, loaded: LoadedAccount): void {
    if (loaded.revision < 0n) return;
    this.cache.delete(streamId);
    this.cache.set(streamId, loaded);
    if (this.cache.size > this.maxCached) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
  }
}
