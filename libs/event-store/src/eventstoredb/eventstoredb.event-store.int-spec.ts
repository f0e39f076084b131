import { randomUUID } from 'node:crypto';

import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import {
  anEvent,
  collect,
  describeEventStoreContract,
  startEsdbStandIn,
  startSilentServer,
  type EsdbStandIn,
  type EventStoreContractFixture,
} from '@kam/test-support';

import { EventStoreUnavailableError, type EventStore, type RecordedEvent } from '../index.js';
import { validateEventStoreConnectionString } from './eventstoredb.connection.js';
import { runEventStoreDbBenchmark } from './eventstoredb.bench.js';
import { openEventStoreDbEventStore } from './eventstoredb.event-store.js';

const fixtureOn = (connectionString: () => string) => async (): Promise<EventStoreContractFixture> => {
  let current: EventStore = await openEventStoreDbEventStore({ connectionString: connectionString() });
  return {
    store: current,
    reopen: async () => {
      await current.close();
      current = await openEventStoreDbEventStore({ connectionString: connectionString() });
      return current;
    },
    dispose: () => current.close(),
  };
};

describe('EventStoreDbEventStore against the gRPC stand-in', () => {
  let standIn: EsdbStandIn;
  beforeAll(async () => {
    standIn = await startEsdbStandIn();
  });
  afterAll(() => standIn.stop());

  describeEventStoreContract(
    'EventStoreDbEventStore (stand-in)',
    fixtureOn(() => standIn.connectionString),
  );
});

const realServer = process.env.EVENTSTORE_CONNECTION_STRING;
if (realServer === undefined || realServer === '') {
  console.warn(
    'Skipping the EventStore contract against a real EventStoreDB/KurrentDB server: ' +
      'EVENTSTORE_CONNECTION_STRING is not set (e.g. esdb://127.0.0.1:2113?tls=false).',
  );
}
(realServer ? describe : describe.skip)('EventStoreDbEventStore against a real server', () => {
  describeEventStoreContract(
    'EventStoreDbEventStore (EVENTSTORE_CONNECTION_STRING)',
    fixtureOn(() => realServer ?? ''),
  );
});

async function takeUntil(iterator: AsyncIterator<RecordedEvent>, id: string): Promise<RecordedEvent[]> {
  const taken: RecordedEvent[] = [];
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) throw new Error(`subscription ended before event ${id}`);
    taken.push(next.value);
    if (next.value.id === id) return taken;
  }
}

describe('EventStoreDbEventStore, what only EventStoreDB has', () => {
  let standIn: EsdbStandIn;
  let store: EventStore;
  const stream = (): string => `account-${randomUUID()}`;

  beforeEach(async () => {
    standIn = await startEsdbStandIn();
    store = await openEventStoreDbEventStore({ connectionString: standIn.connectionString });
  });
  afterEach(async () => {
    await store.close();
    await standIn.stop();
  });

  it('refuses a malformed connection string with a message naming EVENTSTORE_CONNECTION_STRING', async () => {
    for (const malformed of [
      '',
      'http://localhost:2113',
      'esdb://',
      'esdb://host:port',
      'esdb://host?tls=maybe',
    ]) {
      expect(() => validateEventStoreConnectionString(malformed)).toThrow(/EVENTSTORE_CONNECTION_STRING/);
    }
    await expect(openEventStoreDbEventStore({ connectionString: 'esdb//nowhere' })).rejects.toThrow(
      /EVENTSTORE_CONNECTION_STRING is not a valid EventStoreDB connection string/,
    );
    expect(validateEventStoreConnectionString('kurrentdb://127.0.0.1:2113?tls=false')).toBe(
      'esdb://127.0.0.1:2113?tls=false',
    );
  });

  it('fails an append or a read with EventStoreUnavailableError while the server is down, then recovers', async () => {
    const id = stream();
    await store.appendToStream(id, [anEvent()], { expectedRevision: 'no_stream' });
    await standIn.stop();

    const append = store.appendToStream(id, [anEvent()], { expectedRevision: 0n });
    await expect(append).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(append).rejects.toThrow(`event store unreachable at 127.0.0.1:${standIn.port}`);
    await expect(collect(store.readStream(id))).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);

    await standIn.restart();
    const next = await store.appendToStream(id, [anEvent()], { expectedRevision: 0n });
    expect(next.nextExpectedRevision).toBe(1n);
  });

  it('never hangs on a server that accepts connections but does not answer', async () => {
    const silent = await startSilentServer();
    const { port } = silent;
    const stuck = await openEventStoreDbEventStore({
      connectionString: `esdb://127.0.0.1:${port}?tls=false`,
      deadlineMs: 300,
    });
    try {
      await expect(stuck.appendToStream(stream(), [anEvent()])).rejects.toBeInstanceOf(
        EventStoreUnavailableError,
      );
      await expect(collect(stuck.readStream(stream()))).rejects.toThrow(
        `event store unreachable at 127.0.0.1:${port}`,
      );
      await expect(stuck.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      await stuck.close();
      await silent.stop();
    }
  });

  it('a subscription resumes from its last event when the server returns, delivering each event once', async () => {
    const id = stream();
    const filter = { streamPrefixes: [id] };
    const before = [anEvent(), anEvent(), anEvent()];
    await store.appendToStream(id, before, { expectedRevision: 'no_stream' });
    const subscription = store.subscribeToAll({ filter });
    const iterator = subscription[Symbol.asyncIterator]();
    const seenBefore = await takeUntil(iterator, before[2]?.id ?? '');

    await standIn.stop();
    await expect(store.appendToStream(id, [anEvent()])).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await standIn.restart();

    const after = [anEvent(), anEvent()];
    await store.appendToStream(id, after, { expectedRevision: 2n });
    const sentinel = anEvent();
    await store.appendToStream(id, [sentinel], { expectedRevision: 4n });
    const seenAfter = await takeUntil(iterator, sentinel.id);
    await subscription.unsubscribe();

    expect([...seenBefore, ...seenAfter].map((event) => event.id)).toEqual(
      [...before, ...after, sentinel].map((event) => event.id),
    );
  });

  it("stores correlation and causation as the server's $correlationId and $causationId", async () => {
    const id = stream();
    const event = anEvent('AccountRegistered', { name: 'Acme' }, { reason: 'first contact' });
    await store.appendToStream(id, [event]);

    const raw = EventStoreDBClient.connectionString(standIn.connectionString);
    const [resolved] = await collect(raw.readStream(id));
    await raw.dispose();
    expect(resolved?.event?.metadata).toEqual({
      $correlationId: event.metadata.correlationId,
      $causationId: event.metadata.causationId,
      actor: 'contract-suite',
      reason: 'first contact',
      schemaVersion: 1,
    });
    const [recorded] = await collect(store.readStream(id));
    expect(recorded?.metadata).toEqual(event.metadata);
  });

  it("skips the server's system events in reads of $all, in subscriptions and in the head position", async () => {
    const raw = EventStoreDBClient.connectionString(standIn.connectionString);
    const rawTypes = (await collect(raw.readAll())).map((resolved) => resolved.event?.type);
    expect(rawTypes.some((type) => type?.startsWith('$'))).toBe(true);

    const id = stream();
    const ours = anEvent('AccountRegistered');
    await store.appendToStream(id, [ours]);
    await raw.setStreamMetadata(id, { maxAge: 3600 });
    await raw.appendToStream('$stats-127.0.0.1:2113', jsonEvent({ type: '$statsCollected', data: {} }));
    const sentinel = anEvent('OrderRecorded');
    await store.appendToStream(id, [sentinel]);
    const stats = Array.from({ length: 40 }, () => jsonEvent({ type: '$statsCollected', data: {} }));
    await raw.appendToStream('$stats-127.0.0.1:2113', stats);
    await raw.dispose();

    const all = await collect(store.readAll());
    expect(all.map((event) => event.id)).toEqual([ours.id, sentinel.id]);
    expect(await store.headPosition()).toBe(all.at(-1)?.position);
    const subscription = store.subscribeToAll();
    const delivered = await takeUntil(subscription[Symbol.asyncIterator](), sentinel.id);
    await subscription.unsubscribe();
    expect(delivered.map((event) => event.id)).toEqual([ours.id, sentinel.id]);
  });

  it('an empty log has head -1; positions are commit positions that round-trip as checkpoints', async () => {
    expect(await store.headPosition()).toBe(-1n);
    const id = stream();
    const batch = [anEvent(), anEvent(), anEvent()];
    const result = await store.appendToStream(id, batch);
    const all = await collect(store.readAll());
    expect(all.map((event) => event.position).at(-1)).toBe(result.position);
    expect(await store.headPosition()).toBe(result.position);

    const raw = EventStoreDBClient.connectionString(standIn.connectionString);
    const rawPositions = (await collect(raw.readAll()))
      .filter((resolved) => resolved.event?.streamId === id)
      .map((resolved) => resolved.event?.position.commit);
    await raw.dispose();
    expect(all.map((event) => event.position)).toEqual(rawPositions);
    const afterFirst = await collect(store.readAll({ after: all[0]?.position }));
    expect(afterFirst.map((event) => event.id)).toEqual([batch[1]?.id, batch[2]?.id]);
  });
});

describe('runEventStoreDbBenchmark', () => {
  it('measures every workload through the adapter and the raw client, labelled as client overhead', async () => {
    const standIn = await startEsdbStandIn();
    try {
      const result = await runEventStoreDbBenchmark({
        connectionString: standIn.connectionString,
        scale: 0.01,
      });
      expect(result.label).toMatch(/does not measure an EventStoreDB server/);
      for (const workload of ['sequential', 'concurrent', 'batched', 'read'] as const) {
        const figure = result[workload];
        expect(figure.failedAppends).toBe(0);
        expect(figure.events).toBeGreaterThan(0);
        expect(figure.eventsPerSecond).toBeGreaterThan(0);
        expect(figure.ceiling).toBeGreaterThan(0);
      }
    } finally {
      await standIn.stop();
    }
  }, 60_000);
});
