import type { EventStore, RecordedEvent } from '@kam/event-store';
import { hostname } from 'node:os';
import {
  getAccount,
  ProjectionFailedError,
  ProjectionLockedError,
  projectionStatus,
  rebuildProjections,
  runProjections,
  UnknownProjectionError,
  waitForPosition,
  WaitForPositionTimeoutError,
} from '../index.js';
import { dumpReadModels, openFixture, type Fixture } from '../testing/int-fixture.js';
import { event } from '../testing/projection-spec.js';
import { appendAs, appendScript } from '../testing/scripted-portfolio.js';

const register = (accountId: string) =>
  event('AccountRegistered', {
    accountId,
    name: accountId,
    industry: 'retail',
    region: 'east',
    source: null,
  });

describe('projection runner', () => {
  let fixture: Fixture;
  beforeEach(async () => {
    fixture = await openFixture('runner');
  });
  afterEach(() => fixture.close());

  it('stops at an event it cannot fold, says where and why, and applies nothing after it', async () => {
    const { store, readModels } = fixture;
    await appendAs(store, 'acc-1', [register('acc-1')]);
    const bad = await appendAs(store, 'acc-1', [
      event('OrderRecorded', {
        accountId: 'acc-1',
        orderId: 'o-1',
        amount: { amount: 'a lot', currency: 'CNY' },
        grossProfit: { amount: '1', currency: 'CNY' },
        channel: 'direct',
      }),
    ]);
    await appendAs(store, 'acc-2', [register('acc-2')]);
    const failure = runProjections({ readModels, store });
    await expect(failure).rejects.toThrow(ProjectionFailedError);
    await expect(failure).rejects.toMatchObject({
      projection: 'account_metrics_monthly',
      position: bad.position,
      eventType: 'OrderRecorded',
    });
    const status = await projectionStatus(readModels.db, store);
    expect(status.map((entry) => entry.checkpoint)).toEqual(status.map(() => String(bad.position - 1n)));
    expect(await getAccount(readModels.db, 'acc-1')).toMatchObject({ revision: 0 });
    expect(await getAccount(readModels.db, 'acc-2')).toBeNull();
    // Run again: it stops at the same event, never skipping it.
    await expect(runProjections({ readModels, store })).rejects.toMatchObject({ position: bad.position });
  });

  it('lets a reader wait for its own write, and times out naming who is behind when no runner runs', async () => {
    const { store, readModels } = fixture;
    const { position } = await appendAs(store, 'acc-1', [register('acc-1')]);
    const timeout = waitForPosition(readModels.db, position, { timeoutMs: 50 });
    await expect(timeout).rejects.toThrow(WaitForPositionTimeoutError);
    await expect(timeout).rejects.toMatchObject({
      behind: expect.arrayContaining([{ name: 'account_summary', checkpoint: -1n }]),
    });
    const controller = new AbortController();
    const running = runProjections({ readModels, store, until: 'aborted', signal: controller.signal });
    await waitForPosition(readModels.db, position, { timeoutMs: 10_000 });
    expect(await getAccount(readModels.db, 'acc-1')).toMatchObject({ revision: 0 });
    const later = await appendAs(store, 'acc-1', [
      event('InteractionLogged', {
        accountId: 'acc-1',
        interactionId: 'x',
        kind: 'visit',
        scenario: null,
        summary: 'hello',
        participants: [],
      }),
    ]);
    await waitForPosition(readModels.db, later.position, {
      timeoutMs: 10_000,
      projections: ['account_summary'],
    });
    expect(await getAccount(readModels.db, 'acc-1')).toMatchObject({
      revision: 1,
      lastInteractionAt: expect.any(String),
    });
    controller.abort();
    await expect(running).resolves.toMatchObject({ position: later.position });
  });

  it('allows one active runner per projection: a second is refused while the first holds the lease', async () => {
    const { store, readModels } = fixture;
    await appendScript(store);
    const controller = new AbortController();
    const first = runProjections({ readModels, store, until: 'aborted', signal: controller.signal });
    await waitForPosition(readModels.db, await store.headPosition(), { timeoutMs: 10_000 });
    await expect(runProjections({ readModels, store, projections: ['receivables'] })).rejects.toThrow(
      ProjectionLockedError,
    );
    controller.abort();
    await first;
    await expect(runProjections({ readModels, store, projections: ['receivables'] })).resolves.toMatchObject({
      events: 0,
    });
  });

  it('takes over a lease whose holder on this host is gone, without waiting for it to expire', async () => {
    const { store, readModels } = fixture;
    await appendScript(store);
    const deadPid = 2 ** 22 + 12_345;
    await readModels.db
      .insertInto('projection_locks')
      .values({
        name: 'account_summary',
        owner: `runner:${hostname()}:${deadPid}:dead`,
        expires_at: Date.now() + 3_600_000,
        acquired_at: new Date().toISOString(),
      })
      .execute();
    await expect(runProjections({ readModels, store })).resolves.toMatchObject({
      position: await store.headPosition(),
    });
  });

  it('refuses a rebuild while another one runs, and an unknown projection by listing the known ones', async () => {
    const { store, readModels } = fixture;
    await readModels.db
      .insertInto('projection_locks')
      .values({
        name: 'rebuild:lifecycle_history',
        owner: 'rebuild:other-host:1:x',
        expires_at: Date.now() + 60_000,
        acquired_at: new Date().toISOString(),
      })
      .execute();
    await expect(rebuildProjections({ readModels, store })).rejects.toThrow(
      /A rebuild of lifecycle_history is already running \(by rebuild:other-host:1:x/,
    );
    await expect(rebuildProjections({ readModels, store, projections: ['accounts'] })).rejects.toThrow(
      UnknownProjectionError,
    );
    await expect(rebuildProjections({ readModels, store, projections: ['accounts'] })).rejects.toThrow(
      'Unknown projection accounts. Known projections: account_summary, account_metrics_monthly, receivables, classification_history, lifecycle_history.',
    );
    // The refused rebuild let go of the locks it had taken before the refusal.
    expect(await readModels.db.selectFrom('projection_locks').select('name').execute()).toEqual([
      { name: 'rebuild:lifecycle_history' },
    ]);
  });

  it('rebuilds to the same read models the runner built, while the runner keeps following the log', async () => {
    const { store, readModels } = fixture;
    await appendScript(store);
    const controller = new AbortController();
    const running = runProjections({ readModels, store, until: 'aborted', signal: controller.signal });
    await waitForPosition(readModels.db, await store.headPosition(), { timeoutMs: 10_000 });
    const before = await dumpReadModels(readModels);
    const rebuilt = await rebuildProjections({ readModels, store });
    expect(rebuilt).toMatchObject({ events: 17, position: await store.headPosition() });
    expect(await dumpReadModels(readModels)).toEqual(before);
    const { position } = await appendAs(store, 'acc-z', [register('acc-z')]);
    await waitForPosition(readModels.db, position, { timeoutMs: 10_000 });
    expect(await getAccount(readModels.db, 'acc-z')).toMatchObject({ revision: 0 });
    controller.abort();
    await running;
  });

  it('resumes from the checkpoint a rebuild set behind it, so events after the rebuilt position are folded again', async () => {
    const { store, readModels } = fixture;
    await appendScript(store);
    const rebuiltUpTo = await store.headPosition();
    const controller = new AbortController();
    const running = runProjections({ readModels, store, until: 'aborted', signal: controller.signal });
    const late = await appendAs(store, 'acc-late', [register('acc-late')]);
    await waitForPosition(readModels.db, late.position, { timeoutMs: 10_000 });
    // The rebuild reads the log as it stood before acc-late registered, so it swaps in models that lack it.
    const olderLog: EventStore = {
      appendToStream: (stream, events, options) => store.appendToStream(stream, events, options),
      readStream: (stream, options) => store.readStream(stream, options),
      subscribeToAll: (options) => store.subscribeToAll(options),
      close: () => store.close(),
      headPosition: async () => rebuiltUpTo,
      readAll: (options) => upTo(store.readAll(options), rebuiltUpTo),
    };
    await rebuildProjections({ readModels, store: olderLog });
    expect(await getAccount(readModels.db, 'acc-late')).toBeNull();
    const next = await appendAs(store, 'acc-late', [
      event('InteractionLogged', {
        accountId: 'acc-late',
        interactionId: 'i',
        kind: 'call',
        scenario: null,
        summary: 's',
        participants: [],
      }),
    ]);
    await waitForPosition(readModels.db, next.position, { timeoutMs: 10_000 });
    expect(await getAccount(readModels.db, 'acc-late')).toMatchObject({ revision: 1 });
    controller.abort();
    await running;
    const followed = await dumpReadModels(readModels);
    await rebuildProjections({ readModels, store });
    expect(await dumpReadModels(readModels)).toEqual(followed);
  });
});

async function* upTo(events: AsyncIterable<RecordedEvent>, last: bigint): AsyncGenerator<RecordedEvent> {
  for await (const item of events) {
    if (item.position > last) return;
    yield item;
  }
}
