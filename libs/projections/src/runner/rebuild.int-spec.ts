import {
  getAccount,
  ProjectionFailedError,
  projectionStatus,
  rebuildProjections,
  runProjections,
} from '../index.js';
import { dumpReadModels, openFixture, type Fixture } from '../testing/int-fixture.js';
import { event, registered } from '../testing/projection-spec.js';
import { appendAs } from '../testing/scripted-portfolio.js';
import { writeSyntheticLog } from '../testing/synthetic-log.js';

describe('rebuild', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await openFixture('rebuild');
    await writeSyntheticLog(fixture.store, { accounts: 24, months: 14, seed: 7 });
  });
  afterAll(() => fixture.close());

  it('builds the same read models whatever its threads, pages and flushes: kept, deferred or read back', async () => {
    const { store, readModels } = fixture;
    await runProjections({ readModels, store, batchSize: 97 });
    const followed = await dumpReadModels(readModels);
    expect(followed['receivables']?.length).toBeGreaterThan(100);
    let logged = 0;
    for await (const _ of store.readAll()) logged += 1;

    const variants = [
      { threads: 0 },
      { threads: 1 },
      // Many flushes; the accounts' rows stay held, so they are written once, at the end.
      { threads: 0, batchSize: 13, flushRows: 40 },
      { threads: 1, batchSize: 13, flushRows: 40 },
      // Many flushes with too few accounts held: their rows are written, dropped and read back.
      { threads: 0, batchSize: 13, flushRows: 40, keepKeyedRows: 5 },
    ];
    for (const variant of variants) {
      const progress: number[] = [];
      const rebuilt = await rebuildProjections({
        readModels,
        store,
        ...variant,
        onProgress: ({ events }) => progress.push(events),
      });
      expect(rebuilt.position).toBe(await store.headPosition());
      // Every event in the log, each read by one thread.
      expect(rebuilt.events).toBe(logged);
      expect(progress.at(-1)).toBe(rebuilt.events);
      expect(await dumpReadModels(readModels)).toEqual(followed);
    }
  }, 120_000);
});

const order = (accountId: string, amount: string) =>
  event('OrderRecorded', {
    accountId,
    orderId: `o-${amount}`,
    amount: { amount, currency: 'CNY' },
    grossProfit: { amount: '1', currency: 'CNY' },
    channel: 'direct',
  });

describe('a rebuild that meets an event it cannot fold', () => {
  let fixture: Fixture;
  beforeEach(async () => {
    fixture = await openFixture('rebuild-failure');
  });
  afterEach(() => fixture.close());

  it.each([0, 1])(
    'with %i threads beside: says where and why, keeps the live models, and can be run again',
    async (threads) => {
      const { store, readModels } = fixture;
      await appendAs(store, 'acc-1', [registered('acc-1'), order('acc-1', '10')]);
      await runProjections({ readModels, store });
      // acc-1's events fall to the second thread when there is one (see sqlite-log-share.ts).
      const bad = await appendAs(store, 'acc-1', [order('acc-1', 'a lot')]);
      await appendAs(store, 'acc-2', [registered('acc-2')]);
      const before = await dumpReadModels(readModels);
      const checkpoints = await projectionStatus(readModels.db, store);

      const failure = rebuildProjections({ readModels, store, threads });
      await expect(failure).rejects.toThrow(ProjectionFailedError);
      await expect(failure).rejects.toMatchObject({
        projection: 'account_metrics_monthly',
        position: bad.position,
        eventType: 'OrderRecorded',
        message: expect.stringContaining('Not a decimal amount: a lot'),
      });
      expect(await dumpReadModels(readModels)).toEqual(before);
      expect(await projectionStatus(readModels.db, store)).toEqual(checkpoints);
      // The locks were let go and the half-built tables dropped: the same rebuild fails the same way.
      await expect(rebuildProjections({ readModels, store, threads })).rejects.toMatchObject({
        position: bad.position,
      });
    },
    30_000,
  );

  it('stops the other thread when this one fails, and reports this one', async () => {
    const { store, readModels } = fixture;
    await appendAs(store, 'acc-1', [registered('acc-1'), order('acc-1', '10')]);
    // acc-2's events fall to this thread; acc-1's, which the other thread folds, are fine.
    const bad = await appendAs(store, 'acc-2', [registered('acc-2', 'not a date')]);
    const failure = rebuildProjections({ readModels, store, threads: 1 });
    await expect(failure).rejects.toMatchObject({
      projection: 'account_summary',
      position: bad.position,
      eventType: 'AccountRegistered',
      message: expect.stringContaining('Not an ISO-8601 date or date-time: not a date'),
    });
    expect(await getAccount(readModels.db, 'acc-1')).toBeNull();
  }, 30_000);

  it('rebuilds a log it cannot split by stream in one thread, to the same models the runner built', async () => {
    const { store, readModels } = fixture;
    await appendAs(store, 'acc-1', [registered('acc-1'), order('acc-1', '10')]);
    await appendAs(store, 'acc-2', [registered('acc-2')]);
    await appendAs(store, 'acc-2', [order('acc-2', '30')]);
    // On acc-1's stream, about acc-2: split by stream, the thread folding acc-2 would never see it.
    const stray = await appendAs(store, 'acc-1', [order('acc-2', '20')]);
    await runProjections({ readModels, store });
    const followed = await dumpReadModels(readModels);
    expect(followed['account_metrics_monthly']).toContainEqual(
      expect.objectContaining({ account_id: 'acc-2', order_count: 2 }),
    );
    expect(followed['account_summary']).toContainEqual(
      expect.objectContaining({ account_id: 'acc-2', position: Number(stray.position) }),
    );
    await rebuildProjections({ readModels, store, threads: 1 });
    expect(await dumpReadModels(readModels)).toEqual(followed);
  }, 30_000);
});
