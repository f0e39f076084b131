import { listAccounts, portfolio, runProjections } from './index.js';
import { runChild } from './testing/child-process.js';
import { openFixture, type Fixture } from './testing/int-fixture.js';
import { writeSyntheticLog } from './testing/synthetic-log.js';

const AS_OF = '2024-12-31T00:00:00Z';

describe('a rebuild in another process while queries run', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await openFixture('isolation');
    await writeSyntheticLog(fixture.store, { accounts: 200, months: 12, seed: 3 });
    await runProjections({ readModels: fixture.readModels, store: fixture.store });
    // Events the live models have not folded: the rebuilt models will differ from the live ones.
    await writeSyntheticLog(fixture.store, { accounts: 50, months: 12, seed: 4, firstAccount: 200 });
  });
  afterAll(() => fixture.close());

  it('never answers from a half-built model: every answer is the whole old model or the whole new one', async () => {
    const { db } = fixture.readModels;
    // Each query reads its tables in one snapshot: the portfolio reads two, the list joins two.
    const queries = {
      portfolio: () => portfolio(db, { asOf: AS_OF }),
      accounts: () => listAccounts(db, { sort: 'revenue12m', limit: 1000, asOf: AS_OF }),
    };
    const answer = async () => ({
      portfolio: JSON.stringify(await queries.portfolio()),
      accounts: JSON.stringify(await queries.accounts()),
    });
    const old = await answer();
    let rebuilding = true;
    const rebuild = runChild('rebuild', fixture.file, { batchSize: 500 }).finally(() => {
      rebuilding = false;
    });
    // Distinct answers only: a correct swap leaves at most two per query, so memory stays small.
    const seen = { portfolio: new Set<string>(), accounts: new Set<string>() };
    let rounds = 0;
    while (rebuilding) {
      const each = await answer();
      seen.portfolio.add(each.portfolio);
      seen.accounts.add(each.accounts);
      rounds += 1;
      // better-sqlite3 answers in microtasks only: let the event loop see the child's exit.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await rebuild).toMatchObject({ code: 0, killed: false });
    const rebuilt = await answer();

    expect(JSON.parse(old.portfolio)).toMatchObject({ accounts: 200 });
    expect(JSON.parse(rebuilt.portfolio)).toMatchObject({ accounts: 250 });
    expect(rounds).toBeGreaterThan(2);
    for (const query of ['portfolio', 'accounts'] as const) {
      const partial = [...seen[query]].filter((each) => each !== old[query] && each !== rebuilt[query]);
      expect(partial).toEqual([]);
    }
  });
});
