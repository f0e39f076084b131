import { statSync } from 'node:fs';
import { startWalCheckpoints } from '@kam/event-store';
import { getAccount, projectionStatus, startFollowerThread, waitForPosition } from '../index.js';
import { openFixture, type Fixture } from '../testing/int-fixture.js';
import { event } from '../testing/projection-spec.js';
import { appendAs } from '../testing/scripted-portfolio.js';

const register = (accountId: string) =>
  event('AccountRegistered', {
    accountId,
    name: accountId,
    industry: 'retail',
    region: 'east',
    source: null,
  });

const walBytes = (file: string): number => statSync(`${file}-wal`).size;

const registerMany = async (store: Fixture['store'], prefix: string, count: number) => {
  for (let index = 0; index < count; index += 1)
    await appendAs(store, `${prefix}-${index}`, [register(`${prefix}-${index}`)]);
};

describe('the read models followed from a worker thread', () => {
  let fixture: Fixture;
  beforeEach(async () => {
    fixture = await openFixture('follower');
  });
  afterEach(() => fixture.close());

  it("folds this thread's appends as they come, and stops after the batch in hand with its checkpoint", async () => {
    const { store, readModels, file } = fixture;
    const thread = startFollowerThread({ sqliteFile: file, pollIntervalMs: 5 });
    const first = await appendAs(store, 'acc-1', [register('acc-1')]);
    await waitForPosition(readModels.db, first.position, { timeoutMs: 10_000 });
    expect(await getAccount(readModels.db, 'acc-1')).toMatchObject({ revision: 0 });
    const second = await appendAs(store, 'acc-2', [register('acc-2')]);
    await waitForPosition(readModels.db, second.position, { timeoutMs: 10_000 });
    await thread.stop();
    expect(await thread.exited).toBeNull();
    const status = await projectionStatus(readModels.db, store);
    expect(status.map((entry) => entry.checkpoint)).toEqual(status.map(() => String(second.position)));
  });

  it('finishes at the head of the log, and reports a failure when asked to finish', async () => {
    const { store, file } = fixture;
    const thread = startFollowerThread({ sqliteFile: file });
    const { position } = await appendAs(store, 'acc-1', [register('acc-1')]);
    expect(await thread.finish()).toBe(position);

    await appendAs(store, 'acc-2', [
      event('OrderRecorded', {
        accountId: 'acc-2',
        orderId: 'o-1',
        amount: { amount: 'a lot', currency: 'CNY' },
        grossProfit: { amount: '1', currency: 'CNY' },
        channel: 'direct',
      }),
    ]);
    const failing = startFollowerThread({ sqliteFile: file });
    await expect(failing.exited).resolves.toBeInstanceOf(Error);
    await expect(failing.finish()).rejects.toThrow(/read models' thread failed/);
  });

  it('checkpoints the WAL for a writer that handed its checkpoints over, so the WAL stops growing', async () => {
    const { store, file } = fixture;
    store.walCheckpointsBy('another-connection');
    await registerMany(store, 'before', 200);
    const unchecked = walBytes(file);
    await registerMany(store, 'unchecked', 200);
    // Nobody checkpoints: every commit adds to the WAL.
    expect(walBytes(file)).toBeGreaterThan(unchecked);
    const grown = walBytes(file);
    const stop = startWalCheckpoints(file, 5);
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await registerMany(store, 'checked', 200);
    } finally {
      stop();
    }
    // Checkpointed, the WAL is written again from its start instead of growing.
    expect(walBytes(file)).toBe(grown);
    store.walCheckpointsBy('this-writer');
  });
});
