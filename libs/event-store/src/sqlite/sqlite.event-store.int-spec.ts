import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anEvent, collect, describeEventStoreContract } from '@kam/test-support';
import {
  EventStoreCorruptError,
  EventStoreUnavailableError,
  type EventStore,
  type RecordedEvent,
} from '../index.js';
import { openSqliteEventStore, type SqliteEventStore } from './sqlite.event-store.js';
import { KAM_APPLICATION_ID } from './sqlite.schema.js';

const scratchDirs: string[] = [];
function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kam-sqlite-'));
  scratchDirs.push(dir);
  return dir;
}
afterAll(() => scratchDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describeEventStoreContract('SqliteEventStore', async () => {
  const file = join(scratchDir(), 'kam.db');
  let current: EventStore = await openSqliteEventStore({ file, pollIntervalMs: 50 });
  return {
    store: current,
    reopen: async () => {
      await current.close();
      current = await openSqliteEventStore({ file, pollIntervalMs: 50 });
      return current;
    },
    dispose: () => current.close(),
  };
});

describe('SqliteEventStore on its file', () => {
  it('starts empty at head -1, numbers positions from 1, and keeps events across a reopen', async () => {
    const file = join(scratchDir(), 'nested', 'data', 'kam.db');
    const store = await openSqliteEventStore({ file, clock: () => new Date('2026-03-01T08:00:00.000Z') });
    expect(await store.headPosition()).toBe(-1n);
    const result = await store.appendToStream('account-1', [anEvent(), anEvent()]);
    expect(result).toEqual({ nextExpectedRevision: 1n, position: 2n });
    await store.close();

    const reopened = await openSqliteEventStore({ file });
    const events = await collect(reopened.readStream('account-1'));
    await reopened.close();
    expect(events.map((event) => [event.position, event.recordedAt])).toEqual([
      [1n, '2026-03-01T08:00:00.000Z'],
      [2n, '2026-03-01T08:00:00.000Z'],
    ]);
  });

  it('marks the file as kam-ledger, WAL with full sync, and accepts read-model tables beside the log', async () => {
    const file = join(scratchDir(), 'kam.db');
    const store = await openSqliteEventStore({ file });
    await store.appendToStream('account-1', [anEvent()]);
    await store.close();
    const db = new Database(file);
    expect(db.pragma('application_id', { simple: true })).toBe(KAM_APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.exec('CREATE TABLE account_summary (account_id TEXT PRIMARY KEY)');
    db.close();

    const reopened = await openSqliteEventStore({ file });
    expect(await reopened.headPosition()).toBe(1n);
    await reopened.close();
  });

  it('refuses a foreign SQLite database and leaves it byte for byte as it was', async () => {
    const file = join(scratchDir(), 'kam.db');
    const foreign = new Database(file);
    foreign.exec(
      "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'x')",
    );
    foreign.close();
    const before = readFileSync(file);

    const opening = openSqliteEventStore({ file });
    await expect(opening).rejects.toThrow(EventStoreCorruptError);
    await expect(opening).rejects.toThrow(/not a kam-ledger event store.*customers/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a foreign WAL-mode database without writing to it or leaving files beside it', async () => {
    const dir = scratchDir();
    const file = join(dir, 'kam.db');
    const foreign = new Database(file);
    foreign.pragma('journal_mode = WAL');
    foreign.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    foreign.close();
    const before = readFileSync(file);

    await expect(openSqliteEventStore({ file })).rejects.toThrow(/not a kam-ledger event store/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['kam.db']);
  });

  it('refuses a foreign database while its owner has it open with an unmerged WAL, naming its tables', async () => {
    const file = join(scratchDir(), 'kam.db');
    const owner = new Database(file);
    owner.pragma('journal_mode = WAL');
    owner.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    const before = readFileSync(file);

    await expect(openSqliteEventStore({ file })).rejects.toThrow(/not kam-ledger's \(invoices\)/);
    expect(readFileSync(file).equals(before)).toBe(true);
    owner.close();
  });

  it('refuses a SQLite file of another application, even an empty one', async () => {
    const file = join(scratchDir(), 'kam.db');
    const foreign = new Database(file);
    foreign.pragma('application_id = 1234');
    foreign.close();
    const before = readFileSync(file);
    await expect(openSqliteEventStore({ file })).rejects.toThrow(
      /another application \(application_id 1234\)/,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database at all, and leaves it alone', async () => {
    const file = join(scratchDir(), 'kam.db');
    writeFileSync(file, 'accountId,name\nA-1,Acme\n'.repeat(50));
    const before = readFileSync(file);
    await expect(openSqliteEventStore({ file })).rejects.toThrow(/is not a SQLite database/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a kam-ledger file whose pages are damaged', async () => {
    const file = join(scratchDir(), 'kam.db');
    const store = await openSqliteEventStore({ file });
    await store.appendToStream('account-1', [anEvent()]);
    await store.close();
    const bytes = readFileSync(file);
    bytes.fill(0xa5, 100, bytes.length);
    writeFileSync(file, bytes);

    await expect(openSqliteEventStore({ file })).rejects.toThrow(EventStoreCorruptError);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a file written by a newer schema', async () => {
    const file = join(scratchDir(), 'kam.db');
    const store = await openSqliteEventStore({ file });
    await store.close();
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    await expect(openSqliteEventStore({ file })).rejects.toThrow(/newer kam-ledger \(schema 99/);
  });

  it('reports a data directory that cannot be written, naming it', async () => {
    const blocker = join(scratchDir(), 'not-a-directory');
    writeFileSync(blocker, '');
    const dataDir = join(blocker, 'data');
    const opening = openSqliteEventStore({ file: join(dataDir, 'kam.db') });
    await expect(opening).rejects.toThrow(EventStoreUnavailableError);
    await expect(opening).rejects.toThrow(`The data directory ${dataDir} cannot be written`);
  });

  it('refuses appends and reads once closed', async () => {
    const store = await openSqliteEventStore({ file: join(scratchDir(), 'kam.db') });
    await store.close();
    await expect(store.appendToStream('account-1', [anEvent()])).rejects.toThrow(/is closed/);
    expect(() => store.readAll()).toThrow(/is closed/);
  });

  it('commits appends queued before close', async () => {
    const file = join(scratchDir(), 'kam.db');
    const store = await openSqliteEventStore({ file });
    const appended = store.appendToStream('account-1', [anEvent()]);
    await store.close();
    await expect(appended).resolves.toEqual({ nextExpectedRevision: 0n, position: 1n });
  });

  it('an id already in the stream, sent again in a new append, is refused with a message and fails alone', async () => {
    const store = await openSqliteEventStore({ file: join(scratchDir(), 'kam.db') });
    const event = anEvent();
    await store.appendToStream('account-1', [event]);
    const [clash, fine] = await Promise.allSettled([
      store.appendToStream('account-1', [anEvent(), event]),
      store.appendToStream('account-3', [anEvent()]),
    ]);
    expect(clash).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(`event id ${event.id} is already used by revision 0`) },
    });
    expect(fine).toMatchObject({ status: 'fulfilled' });
    expect(await collect(store.readStream('account-1'))).toHaveLength(1);
    expect(await store.headPosition()).toBe(2n);
    await store.close();
  });

  it('event ids are unique per stream, as in EventStoreDB: another stream may reuse one', async () => {
    const store = await openSqliteEventStore({ file: join(scratchDir(), 'kam.db') });
    const event = anEvent();
    await store.appendToStream('account-1', [event]);
    await expect(store.appendToStream('account-2', [event])).resolves.toMatchObject({
      nextExpectedRevision: 0n,
    });
    await store.close();
  });

  it('two store instances on one file, appending concurrently, lose nothing and keep revisions gapless', async () => {
    const file = join(scratchDir(), 'kam.db');
    const [left, right] = [await openSqliteEventStore({ file }), await openSqliteEventStore({ file })];
    const shared = `account-${randomUUID()}`;
    const appends = Array.from({ length: 100 }, (_, i) =>
      (i % 2 === 0 ? left : right).appendToStream(i % 4 < 2 ? shared : `account-${i}`, [anEvent()]),
    );
    await Promise.all(appends);
    const sharedEvents = await collect(right.readStream(shared));
    expect(sharedEvents.map((event) => event.revision)).toEqual(
      Array.from({ length: 50 }, (_, i) => BigInt(i)),
    );
    expect(await collect(left.readAll())).toHaveLength(100);

    const live = right.subscribeToAll({ after: await right.headPosition() });
    const sentinel = anEvent();
    await left.appendToStream('account-live', [sentinel]);
    const next = await live[Symbol.asyncIterator]().next();
    expect(next.value?.id).toBe(sentinel.id);
    await Promise.all([left.close(), right.close()]);
  });

  it('reads a long log in pages, in order, with a filter that skips most of it', async () => {
    const store: SqliteEventStore = await openSqliteEventStore({ file: join(scratchDir(), 'kam.db') });
    const batch = Array.from({ length: 1_500 }, (_, i) => anEvent(i % 100 === 0 ? 'Rare' : 'Common', { i }));
    await store.appendToStream('account-1', batch);
    const all = await collect(store.readAll());
    expect(all.map((event) => event.data['i'])).toEqual(batch.map((_, i) => i));
    const rare = await collect(store.readAll({ filter: { eventTypes: ['Rare'] } }));
    expect(rare.map((event) => event.data['i'])).toEqual(Array.from({ length: 15 }, (_, i) => i * 100));
    const backwards = await collect(
      store.readStream('account-1', { direction: 'backwards', fromRevision: 1_000n }),
    );
    expect(backwards).toHaveLength(1_001);
    await store.close();
  });

  it('stops a read at maxCount or the page size asked for, past a whole page and short of one', async () => {
    const store: SqliteEventStore = await openSqliteEventStore({ file: join(scratchDir(), 'kam.db') });
    const batch = Array.from({ length: 1_500 }, (_, i) => anEvent('Common', { i }));
    await store.appendToStream('account-1', batch);
    const indexes = (events: readonly RecordedEvent[]): unknown[] => events.map((event) => event.data['i']);
    const range = (from: number, count: number, step = 1): number[] =>
      Array.from({ length: count }, (_, k) => from + k * step);

    expect(indexes(await collect(store.readStream('account-1', { maxCount: 700 })))).toEqual(range(0, 700));
    expect(
      indexes(await collect(store.readStream('account-1', { fromRevision: 1_490n, maxCount: 3 }))),
    ).toEqual(range(1_490, 3));
    expect(
      indexes(await collect(store.readStream('account-1', { direction: 'backwards', maxCount: 600 }))),
    ).toEqual(range(1_499, 600, -1));
    expect(indexes(await collect(store.readAll({ maxCount: 513 })))).toEqual(range(0, 513));
    const pages: number[] = [];
    for await (const page of store.readAllPages({ pageSize: 400, maxCount: 900 })) pages.push(page.length);
    expect(pages).toEqual([400, 400, 100]);
    await store.close();
  });

  it('reads many streams at once, each from its own revision, in the order asked, across pages', async () => {
    const store: SqliteEventStore = await openSqliteEventStore({ file: join(scratchDir(), 'kam.db') });
    const long = Array.from({ length: 700 }, (_, i) => anEvent('Long', { i }));
    await store.appendToStream('account-b', long);
    await store.appendToStream('account-a', [anEvent('A', { i: 0 }), anEvent('A', { i: 1 })]);
    await store.appendToStream('account-c', [anEvent('C', { i: 0 })]);
    await store.appendToStream('account-b', [anEvent('Long', { i: 700 })]);
    const read = await collect(
      store.readStreams([
        { streamId: 'account-c', fromRevision: 0n },
        { streamId: 'account-missing', fromRevision: 0n },
        { streamId: 'account-b', fromRevision: 5n },
        { streamId: 'account-a', fromRevision: 1n },
        { streamId: 'account-c', fromRevision: 1n },
      ]),
    );
    expect(read.map((event) => [event.streamId, Number(event.revision), event.data['i']])).toEqual([
      ['account-c', 0, 0],
      ...Array.from({ length: 696 }, (_, i) => ['account-b', i + 5, i + 5]),
      ['account-a', 1, 1],
    ]);
    expect(await collect(store.readStreams([]))).toEqual([]);
    await store.close();
  });
});
