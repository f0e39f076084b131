import { initialState } from '@kam/domain';
import type { EventStore, ReadStreamOptions, RecordedEvent } from '@kam/event-store';
import { AccountRepository } from './account-repository.js';

/** A store with empty streams that notes where each read started: from 1 means the cache had revision 0. */
const readsFrom = (): { store: EventStore; from: Map<string, bigint> } => {
  const from = new Map<string, bigint>();
  async function* readStream(streamId: string, options?: ReadStreamOptions): AsyncGenerator<RecordedEvent> {
    from.set(streamId, options?.fromRevision ?? 0n);
    yield* [];
  }
  return { store: { readStream } as unknown as EventStore, from };
};

const kept = { state: initialState(), revision: 0n, position: 0n, hash: null };

describe('AccountRepository cache', () => {
  it('keeps the most recently remembered accounts and evicts the least recently remembered, over many evictions', async () => {
    const { store, from } = readsFrom();
    const repository = new AccountRepository(store, 3);
    const accounts = Array.from({ length: 40 }, (_, i) => `a${i}`);
    // Each account remembered twice, as an evaluation does (after its read, after its append), with
    // an older one remembered again now and then, which moves it to the end.
    for (const [i, accountId] of accounts.entries()) {
      repository.remember(`account-${accountId}`, kept);
      repository.remember(`account-${accountId}`, kept);
      if (i % 5 === 4) repository.remember(`account-${accounts[i - 2]}`, kept);
    }
    // The three remembered last: a38, a39, then a37 (remembered again at i = 39); a36 went before.
    for (const accountId of ['a36', 'a37', 'a38', 'a39']) await repository.load(accountId);
    expect([...from].map(([streamId, revision]) => [streamId, Number(revision)])).toEqual([
      ['account-a36', 0],
      ['account-a37', 1],
      ['account-a38', 1],
      ['account-a39', 1],
    ]);
  });
});
