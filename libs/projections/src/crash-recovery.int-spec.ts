import { projectionStatus, rebuildProjections, runProjections } from './index.js';
import { runChild } from './testing/child-process.js';
import { dumpReadModels, openFixture, type Fixture } from './testing/int-fixture.js';
import { writeSyntheticLog } from './testing/synthetic-log.js';

describe('a runner killed with SIGKILL in the middle of catching up', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await openFixture('crash');
    await writeSyntheticLog(fixture.store, { accounts: 300, months: 24, seed: 7 });
  });
  afterAll(() => fixture.close());

  it('loses and doubles nothing: after a restart the read models equal a clean rebuild', async () => {
    const { store, readModels, file } = fixture;
    const head = await store.headPosition();
    const { killed, lines } = await runChild('catch-up', file, { batchSize: 400, killAfterLines: 5 });
    expect(killed).toBe(true);
    expect(lines).not.toContain('done');
    const [afterKill] = await projectionStatus(readModels.db, store);
    expect(BigInt(afterKill?.checkpoint ?? '-1')).toBeGreaterThan(0n);
    expect(BigInt(afterKill?.checkpoint ?? '-1')).toBeLessThan(head);

    // The dead runner's lease is still in the table; its process is gone, so the restart takes over at once.
    await expect(runProjections({ readModels, store })).resolves.toMatchObject({ position: head });
    const resumed = await dumpReadModels(readModels);
    await rebuildProjections({ readModels, store });
    const rebuilt = await dumpReadModels(readModels);
    expect(resumed.account_summary).toHaveLength(300);
    expect(resumed).toEqual(rebuilt);
  });
});
