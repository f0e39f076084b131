import Database from 'better-sqlite3';
import { getAccount, prepareAccountReader, runProjections, type AccountReader } from '../index.js';
import { openFixture, type Fixture } from '../testing/int-fixture.js';
import { event } from '../testing/projection-spec.js';
import { appendAs, appendScript, AS_OF } from '../testing/scripted-portfolio.js';

describe('the prepared one-account reader beside getAccount, over a scripted portfolio', () => {
  let fixture: Fixture;
  let connection: Database.Database;
  let read: AccountReader;

  beforeAll(async () => {
    fixture = await openFixture('account-reader');
    await appendScript(fixture.store);
    await runProjections({ readModels: fixture.readModels, store: fixture.store });
    connection = new Database(fixture.file, { fileMustExist: true });
    read = prepareAccountReader(connection);
  });
  afterAll(async () => {
    connection.close();
    await fixture.close();
  });

  it.each(['acc-a', 'acc-b', 'acc-c', 'acc-nope'])(
    'answers exactly what getAccount answers for %s, whatever the date asked',
    async (accountId) => {
      for (const asOf of [AS_OF, '2026-04-20T00:00:00Z', '2025-06-01', '2030-01-01T00:00:00Z']) {
        expect(read(accountId, { asOf })).toEqual(
          await getAccount(fixture.readModels.db, accountId, { asOf }),
        );
      }
    },
  );

  it('computes the figures of the one account asked about', () => {
    expect(read('acc-a', { asOf: AS_OF })).toMatchObject({
      accountId: 'acc-a',
      revenue12m: 7000,
      orders12m: 2,
      overdueReceivables: 0,
    });
    expect(read('acc-b', { asOf: AS_OF })).toMatchObject({ accountId: 'acc-b', overdueReceivables: 3000 });
  });

  it('reads what the runner wrote after it was prepared', async () => {
    const before = read('acc-a');
    await appendAs(fixture.store, 'acc-a', [
      event('InteractionLogged', {
        accountId: 'acc-a',
        interactionId: 'i-late',
        kind: 'call',
        scenario: null,
        summary: 'a call after the reader was prepared',
        participants: [],
        occurredAt: '2026-06-20T00:00:00Z',
      }),
    ]);
    await runProjections({ readModels: fixture.readModels, store: fixture.store });
    expect(read('acc-a')?.revision).toBe((before?.revision ?? 0) + 1);
  });
});
