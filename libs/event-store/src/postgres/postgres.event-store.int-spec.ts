import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  anEvent,
  collect,
  describeEventStoreContract,
  startSilentServer,
  type EventStoreContractFixture,
  type SilentServer,
} from '@kam/test-support';
import {
  EventStoreCorruptError,
  EventStoreUnavailableError,
  type EventStore,
  type RecordedEvent,
} from '../index.js';
import { openPostgresEventStore, type PostgresEventStore } from './postgres.event-store.js';
import { KAM_POSTGRES_SCHEMA_VERSION } from './postgres.schema.js';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Every fixture gets a schema of its own on the real server, dropped when the suite ends. */
const schemas: string[] = [];
const scratchSchema = (): string => {
  const schema = `kam_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  schemas.push(schema);
  return schema;
};
afterAll(async () => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

const open = (schema: string, extra: Partial<Parameters<typeof openPostgresEventStore>[0]> = {}) =>
  openPostgresEventStore({ databaseUrl, schema, pollIntervalMs: 200, ...extra });

describeEventStoreContract('PostgresEventStore', async (): Promise<EventStoreContractFixture> => {
  const schema = scratchSchema();
  let current: EventStore = await open(schema);
  return {
    store: current,
    reopen: async () => {
      await current.close();
      current = await open(schema);
      return current;
    },
    dispose: () => current.close(),
  };
});

describe('PostgresEventStore on a real server', () => {
  let store: PostgresEventStore;
  let schema: string;
  let raw: pg.Client;
  beforeEach(async () => {
    schema = scratchSchema();
    store = await open(schema, { clock: () => new Date('2026-03-01T08:00:00.123Z') });
    raw = new pg.Client({ connectionString: databaseUrl });
    await raw.connect();
  });
  afterEach(async () => {
    await store.close();
    await raw.end();
  });

  it('creates its schema once, records the version, and keeps events across a reopen', async () => {
    expect(await store.headPosition()).toBe(-1n);
    const result = await store.appendToStream('account-1', [anEvent(), anEvent()]);
    await store.close();
    store = await open(schema);
    const again = await open(schema);
    await again.close();
    const events = await collect(store.readStream('account-1'));
    expect(events.map((event) => [event.position, event.recordedAt])).toEqual([
      [result.position - 1n, '2026-03-01T08:00:00.123Z'],
      [result.position, '2026-03-01T08:00:00.123Z'],
    ]);
    const { rows } = await raw.query(`SELECT version FROM "${schema}".kam_schema`);
    expect(rows).toEqual([{ version: KAM_POSTGRES_SCHEMA_VERSION }]);
  });

  it('upgrades a schema written by an earlier version in place, keeping its events', async () => {
    await store.appendToStream('account-old', [anEvent()]);
    await store.close();
    await raw.query(`UPDATE "${schema}".kam_schema SET version = 1`);
    store = await open(schema);
    await store.appendToStream('account-old', [anEvent()], { expectedRevision: 0n });
    expect((await collect(store.readStream('account-old'))).map((event) => event.revision)).toEqual([0n, 1n]);
    const { rows } = await raw.query(`SELECT version FROM "${schema}".kam_schema`);
    expect(rows).toEqual([{ version: KAM_POSTGRES_SCHEMA_VERSION }]);
  });

  it('keeps payload text exactly as written (json, not jsonb): key order and number spelling', async () => {
    const data = { zeta: 1, alpha: '1200.50', nested: { b: 2, a: 1 } };
    await store.appendToStream('account-2', [anEvent('OrderRecorded', data)]);
    const { rows } = await raw.query<{ data: string }>(
      `SELECT data::text AS data FROM "${schema}".events WHERE stream_id = 'account-2'`,
    );
    expect(rows[0]?.data).toBe(JSON.stringify(data));
  });

  it('refuses a schema whose events table is not its own, and one written by a newer version', async () => {
    const foreign = scratchSchema();
    await raw.query(`CREATE SCHEMA "${foreign}"; CREATE TABLE "${foreign}".events (x int)`);
    await expect(open(foreign)).rejects.toThrow(EventStoreCorruptError);
    await raw.query(`UPDATE "${schema}".kam_schema SET version = 99`);
    await expect(open(schema)).rejects.toThrow(/newer kam-ledger/);
  });

  it('a reader never sees a later position while an earlier one is uncommitted', async () => {
    // A writer from another process holds its transaction open after drawing a position.
    await raw.query('BEGIN');
    await raw.query(`SELECT * FROM "${schema}".append_batch($1, $2, $3, $4, $5, $6, $7, now())`, [
      ['account-slow'],
      ['any'],
      [1],
      [randomUUID()],
      ['ThingHappened'],
      ['{}'],
      ['{}'],
    ]);
    const late = store.appendToStream('account-fast', [anEvent()]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await collect(store.readAll())).toEqual([]);
    await raw.query('COMMIT');
    const fast = await late;
    const seen = await collect(store.readAll());
    expect(seen.map((event) => event.streamId)).toEqual(['account-slow', 'account-fast']);
    expect(seen.at(-1)?.position).toBe(fast.position);
  });

  it('a subscription sees every event of many concurrent writers once, in position order', async () => {
    const other = await open(schema);
    const subscription = store.subscribeToAll();
    const writers = [store, other].flatMap((writer, w) =>
      Array.from({ length: 4 }, async (_, i) => {
        for (let n = 0; n < 25; n += 1)
          await writer.appendToStream(`account-${w}-${i}`, [anEvent(), anEvent()], {
            expectedRevision: n === 0 ? 'no_stream' : BigInt(2 * n - 1),
          });
      }),
    );
    const delivered: RecordedEvent[] = [];
    const iterator = subscription[Symbol.asyncIterator]();
    const reading = (async () => {
      while (delivered.length < 400) {
        const next = await iterator.next();
        if (next.done === true) break;
        delivered.push(next.value);
      }
    })();
    await Promise.all(writers);
    await reading;
    await subscription.unsubscribe();
    await other.close();
    const log = await collect(store.readAll());
    expect(delivered.map((event) => event.id)).toEqual(log.map((event) => event.id));
    expect(log).toHaveLength(400);
  });
});

describe('PostgresEventStore when the server is not there', () => {
  let silent: SilentServer;
  beforeAll(async () => {
    silent = await startSilentServer();
  });
  afterAll(() => silent.stop());

  it('refused: fails at once, naming DATABASE_URL and the host', async () => {
    const started = Date.now();
    const opening = openPostgresEventStore({ databaseUrl: 'postgres://postgres:secret@127.0.0.1:1/test' });
    await expect(opening).rejects.toThrow(EventStoreUnavailableError);
    await expect(opening).rejects.toThrow(
      /DATABASE_URL.*127\.0\.0\.1:1\/test|127\.0\.0\.1:1\/test.*DATABASE_URL/,
    );
    await expect(opening).rejects.not.toThrow(/secret/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('silent: fails within the deadline instead of hanging', async () => {
    const { port } = silent;
    const started = Date.now();
    await expect(
      openPostgresEventStore({
        databaseUrl: `postgres://postgres@127.0.0.1:${port}/test`,
        deadlineMs: 1_000,
      }),
    ).rejects.toThrow(/unreachable.*DATABASE_URL/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
