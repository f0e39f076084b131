import Database from 'better-sqlite3';
import { eventHash } from '@kam/application';
import { accountStreamId } from '@kam/domain';
import { openSqliteEventStore } from '@kam/event-store';
import { cny, openTestLedger } from '../testing/test-ledger.js';
import { verifyLog } from './verify-log.js';

type Row = { position: number; data: string; metadata: string; id: string; type: string };

/** Records two accounts of four events each, then hands the closed file to the test to tamper with. */
const recordTwoAccounts = async (): Promise<string> => {
  const ledger = await openTestLedger('kam-verify');
  for (const accountId of ['a', 'b']) {
    await ledger.send('RegisterAccount', {
      accountId,
      occurredAt: '2019-12-01',
      name: `Account ${accountId}`,
      industry: 'manufacturing',
      region: 'east',
    });
    for (const n of [1, 2, 3]) {
      await ledger.send('RecordOrder', {
        accountId,
        occurredAt: `2019-12-0${n + 1}`,
        orderId: `o-${n}`,
        amount: cny(`${n}000.00`),
        grossProfit: cny('100.00'),
      });
    }
  }
  await ledger.close();
  return ledger.file;
};

const verifyFile = async (file: string, streamId?: string) => {
  const store = await openSqliteEventStore({ file });
  try {
    return await verifyLog(store, { streamId });
  } finally {
    await store.close();
  }
};

const tamper = (file: string, edit: (db: Database.Database, row: Row) => void): void => {
  const db = new Database(file);
  try {
    const row = db
      .prepare<[string, number], Row>('SELECT * FROM events WHERE stream_id = ? AND revision = ?')
      .get(accountStreamId('a'), 2);
    if (row === undefined) throw new Error('row to tamper with not found');
    edit(db, row);
  } finally {
    db.close();
  }
};

describe('audit verify over a real SQLite file', () => {
  it('finds an intact chain in a log written through the command path', async () => {
    const file = await recordTwoAccounts();
    await expect(verifyFile(file)).resolves.toEqual({ ok: true, checked: 8, firstBreak: null });
    await expect(verifyFile(file, accountStreamId('b'))).resolves.toMatchObject({ ok: true, checked: 4 });
  });

  it('finds an edited row at its exact stream, revision and position', async () => {
    const file = await recordTwoAccounts();
    let position = 0;
    tamper(file, (db, row) => {
      position = row.position;
      const data = JSON.parse(row.data) as { amount: { amount: string } };
      data.amount.amount = '2.00';
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(data), row.position);
    });
    const report = await verifyFile(file);
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toMatchObject({
      streamId: accountStreamId('a'),
      revision: '2',
      position: String(position),
      reason: 'hash-mismatch',
    });
    await expect(verifyFile(file, accountStreamId('b'))).resolves.toMatchObject({ ok: true });
  });

  it('finds an edit whose hash was recomputed, at the next event, whose link no longer matches', async () => {
    const file = await recordTwoAccounts();
    tamper(file, (db, row) => {
      const data = { ...(JSON.parse(row.data) as object), orderId: 'forged' };
      const metadata = JSON.parse(row.metadata) as { prevHash: string; hash: string };
      const hash = eventHash(metadata.prevHash, {
        id: row.id,
        type: row.type,
        data,
        metadata: metadata as never,
      });
      db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(
        JSON.stringify(data),
        JSON.stringify({ ...metadata, hash }),
        row.position,
      );
    });
    const report = await verifyFile(file);
    expect(report.firstBreak).toMatchObject({
      streamId: accountStreamId('a'),
      revision: '3',
      reason: 'chain-mismatch',
    });
  });

  it('finds a deleted row at the revision after the gap', async () => {
    const file = await recordTwoAccounts();
    tamper(file, (db, row) => db.prepare('DELETE FROM events WHERE position = ?').run(row.position));
    const report = await verifyFile(file, accountStreamId('a'));
    expect(report.firstBreak).toMatchObject({ revision: '3', reason: 'revision-gap' });
  });
});
