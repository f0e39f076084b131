import { sql } from 'kysely';
import {
  getAccount,
  openSqliteReadModels,
  projectionStatus,
  rebuildProjections,
  runProjections,
} from '../index.js';
import { dumpReadModels, openFixture, type Fixture } from '../testing/int-fixture.js';
import { appendScript, AS_OF } from '../testing/scripted-portfolio.js';

describe('read-model schema on an existing file', () => {
  let fixture: Fixture;
  beforeEach(async () => {
    fixture = await openFixture('schema');
  });
  afterEach(() => fixture.close());

  it('resets a projection whose table an older build made with other columns, and refolds it from the log', async () => {
    const { store, readModels, file } = fixture;
    const head = await appendScript(store);
    await runProjections({ readModels, store });
    const expected = await dumpReadModels(readModels);
    await sql`DROP TABLE account_metrics_monthly`.execute(readModels.db);
    await sql`CREATE TABLE account_metrics_monthly (account_id text, month text, revenue double precision)`.execute(
      readModels.db,
    );

    const reopened = await openSqliteReadModels({ file });
    try {
      expect(reopened.reset).toEqual(['account_metrics_monthly']);
      const status = await projectionStatus(reopened.db, store);
      expect(status.map(({ name, checkpoint }) => [name, checkpoint])).toEqual([
        ['account_summary', String(head)],
        ['account_metrics_monthly', '-1'],
        ['receivables', String(head)],
        ['classification_history', String(head)],
        ['lifecycle_history', String(head)],
      ]);
      await runProjections({ readModels: reopened, store });
      expect(await dumpReadModels(reopened)).toEqual(expected);
      expect(await getAccount(reopened.db, 'acc-a', { asOf: AS_OF })).toMatchObject({ revenue12m: 7000 });
    } finally {
      await reopened.close();
    }
  });

  it('leaves tables with this build’s columns alone, including ones a rebuild swapped in', async () => {
    const { store, readModels, file } = fixture;
    await appendScript(store);
    await rebuildProjections({ readModels, store });
    const again = await openSqliteReadModels({ file });
    await again.close();
    expect(again.reset).toEqual([]);
  });
});
