import { rebuildProjections, runProjections } from '../index.js';
import { dumpReadModels, openFixture, type Fixture } from '../testing/int-fixture.js';
import { writeSyntheticLog } from '../testing/synthetic-log.js';

describe('rebuild', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await openFixture('rebuild');
    await writeSyntheticLog(fixture.store, { accounts: 24, months: 14, seed: 7 });
  });
  afterAll(() => fixture.close());

  it('builds the same read models whatever its pages and flushes: kept, deferred or read back', async () => {
    const { store, readModels } = fixture;
    await runProjections({ readModels, store, batchSize: 97 });
    const followed = await dumpReadModels(readModels);
    expect(followed['receivables']?.length).toBeGreaterThan(100);

    const variants = [
      {},
      // Many flushes; the accounts' rows stay held, so they are written once, at the end.
      { batchSize: 13, flushRows: 40 },
      // Many flushes with too few accounts held: their rows are written, dropped and read back.
      { batchSize: 13, flushRows: 40, keepKeyedRows: 5 },
    ];
    for (const variant of variants) {
      const rebuilt = await rebuildProjections({ readModels, store, ...variant });
      expect(rebuilt.position).toBe(await store.headPosition());
      expect(await dumpReadModels(readModels)).toEqual(followed);
    }
  });
});
