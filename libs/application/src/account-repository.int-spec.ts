import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountCommand } from '@kam/domain';
import { openSqliteEventStore, type EventStore } from '@kam/event-store';
import { AccountRepository } from './account-repository.js';
import type { CommandContext } from './command-context.js';
import { deterministicUuid } from './deterministic-id.js';
import { appendDecision, decideNext, handleAccountCommand, startDecision } from './handle-account-command.js';

const NOW = '2026-03-01T08:00:00.000Z';
const context: CommandContext = { actor: 'test', correlationId: 'c', causationId: 'c' };
const register = (accountId: string): AccountCommand => ({
  type: 'RegisterAccount',
  data: { accountId, occurredAt: NOW, name: `Account ${accountId}`, industry: 'retail', region: 'north' },
  metadata: { now: NOW },
});
const assign = (accountId: string, member: string): AccountCommand => ({
  type: 'AssignTeamMember',
  data: { accountId, occurredAt: NOW, role: 'other', member },
  metadata: { now: NOW },
});

/** The same store without the optional multi-stream read: what another adapter offers. */
const streamByStream = (store: EventStore): EventStore => ({
  appendToStream: (...args) => store.appendToStream(...args),
  readStream: (...args) => store.readStream(...args),
  readAll: (...args) => store.readAll(...args),
  subscribeToAll: (...args) => store.subscribeToAll(...args),
  headPosition: () => store.headPosition(),
  close: () => store.close(),
});

describe('AccountRepository.loadMany and decisions of several commands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kam-repository-'));
  let store: EventStore;
  const ids = Array.from({ length: 5 }, (_, i) => deterministicUuid('repository-spec', String(i)));

  beforeAll(async () => {
    store = await openSqliteEventStore({ file: join(dir, 'kam.db'), clock: () => new Date(NOW) });
    const writer = new AccountRepository(store);
    for (const accountId of ids.slice(0, 4))
      await handleAccountCommand(store, writer, register(accountId), context);
    await handleAccountCommand(store, writer, assign(ids[1]!, 'li.wei'), context);
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads each account as load does, with or without the multi-stream read, and carries the cache forward', async () => {
    const one = new AccountRepository(store);
    const expected = await Promise.all(ids.map((accountId) => one.load(accountId)));
    for (const source of [store, streamByStream(store)]) {
      const many = await new AccountRepository(source).loadMany(ids);
      expect(ids.map((accountId) => many.get(accountId))).toEqual(expected);
    }

    const cached = new AccountRepository(store);
    await cached.loadMany(ids);
    await handleAccountCommand(store, new AccountRepository(store), assign(ids[2]!, 'ana.ruiz'), context);
    const again = await cached.loadMany(ids);
    expect(again.get(ids[2]!)).toEqual(await new AccountRepository(store).load(ids[2]!));
    expect(again.get(ids[4]!)?.state.status).toBe('Unregistered');
  });

  it('hands a warmed state over once without reading its tail; the next load reads it again', async () => {
    const warmedBy = new AccountRepository(store);
    expect(await warmedBy.warm(ids)).toBe(ids.length);
    const before = await new AccountRepository(store).load(ids[0]!);
    // Another writer moves the account on after it was warmed.
    await handleAccountCommand(store, new AccountRepository(store), assign(ids[0]!, 'warm.later'), context);
    const after = await new AccountRepository(store).load(ids[0]!);

    const taken = await warmedBy.loadMany([ids[0]!, ids[4]!], { takeWarmed: true });
    expect(taken.get(ids[0]!)).toEqual(before);
    // An account that was not registered is never warmed: it is read as usual.
    expect(taken.get(ids[4]!)?.revision).toBe(-1n);
    const again = await warmedBy.loadMany([ids[0]!], { takeWarmed: true });
    expect(again.get(ids[0]!)).toEqual(after);
    expect((await warmedBy.loadMany([ids[1]!])).get(ids[1]!)).toEqual(
      await new AccountRepository(store).load(ids[1]!),
    );
  });

  it('appends commands decided one after another as one append, chained like separate ones', async () => {
    const repository = new AccountRepository(store);
    const accountId = ids[3]!;
    const loaded = await repository.load(accountId);
    const decision = decideNext(
      decideNext(startDecision(accountId, loaded), assign(accountId, 'a.member'), context),
      assign(accountId, 'b.member'),
      context,
    );
    const outcome = await appendDecision(store, repository, decision);
    expect(outcome.revision).toBe(loaded.revision + 2n);
    expect(outcome.events.map((event) => event.type)).toEqual(['TeamMemberAssigned', 'TeamMemberAssigned']);
    expect(await new AccountRepository(store).load(accountId)).toEqual(await repository.load(accountId));

    const unchanged = await appendDecision(
      store,
      repository,
      startDecision(accountId, await repository.load(accountId)),
    );
    expect(unchanged).toEqual({
      accountId,
      revision: outcome.revision,
      position: outcome.position,
      events: [],
    });
  });
});
