import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openKamSqliteDatabase } from './sqlite.connection.js';
import { openSqliteEventStore } from './sqlite.event-store.js';

const event = (n: number) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: 'Noted',
  data: { n },
  metadata: { correlationId: 'c', causationId: 'c', actor: 'test', schemaVersion: 1 },
});

/**
 * A read model's write transaction on another connection of the same process holds the file's
 * write lock across awaits. An append arriving meanwhile must wait for it without freezing the
 * event loop (which would keep that transaction from ever finishing), then succeed.
 */
describe('SQLite appends while another connection in this process holds the write lock', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kam-lock-wait-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('waits asynchronously for the lock and then appends', async () => {
    const file = path.join(dir, 'kam.db');
    const store = await openSqliteEventStore({ file, busyTimeoutMs: 3_000 });
    const other = openKamSqliteDatabase({ file });
    other.exec('CREATE TABLE IF NOT EXISTS side_table (n INTEGER)');
    other.exec('BEGIN IMMEDIATE');
    other.prepare('INSERT INTO side_table VALUES (1)').run();

    const appended = store.appendToStream('lock-wait-1', [event(1)], { expectedRevision: 'no_stream' });
    await sleep(200); // the other transaction is still open here, between two awaits
    other.exec('COMMIT');

    await expect(appended).resolves.toMatchObject({ nextExpectedRevision: 0n });
    other.close();
    await store.close();
  });

  it('gives up with a clear error when the lock is held beyond the busy timeout', async () => {
    const file = path.join(dir, 'kam-held.db');
    const store = await openSqliteEventStore({ file, busyTimeoutMs: 300 });
    const other = openKamSqliteDatabase({ file });
    other.exec('CREATE TABLE IF NOT EXISTS side_table (n INTEGER)');
    other.exec('BEGIN IMMEDIATE');
    other.prepare('INSERT INTO side_table VALUES (1)').run();

    await expect(
      store.appendToStream('lock-wait-2', [event(2)], { expectedRevision: 'no_stream' }),
    ).rejects.toThrow(/locked by another writer/);
    other.exec('ROLLBACK');
    await expect(
      store.appendToStream('lock-wait-2', [event(2)], { expectedRevision: 'no_stream' }),
    ).resolves.toMatchObject({
      nextExpectedRevision: 0n,
    });
    other.close();
    await store.close();
  });
});
