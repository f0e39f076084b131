import { randomUUID } from 'node:crypto';
import {
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  readAllPages,
  type RecordedEvent,
  WrongExpectedVersionError,
} from '@kam/event-store';

export type EventStoreContractFixture = Readonly<{
  store: EventStore;
  /** Closes the store if it is still open and opens the same storage again, as a restarted process would. */
  reopen: () => Promise<EventStore>;
  /** Closes whatever is open and removes what the fixture created. */
  dispose: () => Promise<void>;
}>;

/**
 * The behaviour every EventStore adapter owes the engine (EventStoreDB semantics), written against the
 * port only. Each test uses its own stream-name prefix, so the suite also runs against a shared server
 * that already holds events; positions are compared by order only, never assumed to start anywhere or
 * to be dense.
 */
export function describeEventStoreContract(
  name: string,
  factory: () => Promise<EventStoreContractFixture>,
): void {
  describe(`${name}: EventStore contract`, () => {
    let fixture: EventStoreContractFixture;
    let store: EventStore;
    let prefix: string;
    const stream = (suffix = 'account'): string => `${prefix}${suffix}-${randomUUID()}`;
    const ownEvents = (): Promise<RecordedEvent[]> =>
      collect(store.readAll({ filter: { streamPrefixes: [prefix] } }));

    beforeEach(async () => {
      prefix = `c${randomUUID().replaceAll('-', '')}`;
      fixture = await factory();
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture.dispose();
    });

    describe('expected revision', () => {
      it("'no_stream' creates a stream at revision 0 and refuses one that exists", async () => {
        const id = stream();
        const created = await store.appendToStream(id, [anEvent(), anEvent()], {
          expectedRevision: 'no_stream',
        });
        expect(created.nextExpectedRevision).toBe(1n);
        await expectWrongVersion(store.appendToStream(id, [anEvent()], { expectedRevision: 'no_stream' }), {
          streamId: id,
          expected: 'no_stream',
          actual: 1n,
        });
      });

      it("'stream_exists' refuses a missing stream (actual -1) and appends to an existing one", async () => {
        const id = stream();
        await expectWrongVersion(
          store.appendToStream(id, [anEvent()], { expectedRevision: 'stream_exists' }),
          {
            streamId: id,
            expected: 'stream_exists',
            actual: -1n,
          },
        );
        await store.appendToStream(id, [anEvent()], { expectedRevision: 'no_stream' });
        const next = await store.appendToStream(id, [anEvent()], { expectedRevision: 'stream_exists' });
        expect(next.nextExpectedRevision).toBe(1n);
      });

      it('an exact revision must be the revision of the last event', async () => {
        const id = stream();
        await store.appendToStream(id, [anEvent(), anEvent(), anEvent()], { expectedRevision: 'no_stream' });
        const next = await store.appendToStream(id, [anEvent()], { expectedRevision: 2n });
        expect(next.nextExpectedRevision).toBe(3n);
        await expectWrongVersion(store.appendToStream(id, [anEvent()], { expectedRevision: 1n }), {
          streamId: id,
          expected: 1n,
          actual: 3n,
        });
        const missing = stream();
        await expectWrongVersion(store.appendToStream(missing, [anEvent()], { expectedRevision: 0n }), {
          streamId: missing,
          expected: 0n,
          actual: -1n,
        });
      });

      it("'any', also when omitted, appends to a missing or an existing stream", async () => {
        const id = stream();
        const first = await store.appendToStream(id, [anEvent()], { expectedRevision: 'any' });
        const second = await store.appendToStream(id, [anEvent(), anEvent()]);
        expect([first.nextExpectedRevision, second.nextExpectedRevision]).toEqual([0n, 2n]);
      });
    });

    describe('idempotent re-append', () => {
      it('the same ids with the same expectation return the first result and write nothing', async () => {
        const id = stream();
        const batch = [anEvent(), anEvent()];
        const first = await store.appendToStream(id, batch, { expectedRevision: 'no_stream' });
        const again = await store.appendToStream(id, batch, { expectedRevision: 'no_stream' });
        expect(again).toEqual(first);
        expect(await revisionsOf(store, id)).toEqual([0n, 1n]);
      });

      it('an exact-revision retry succeeds even after the stream moved on', async () => {
        const id = stream();
        await store.appendToStream(id, [anEvent()], { expectedRevision: 'no_stream' });
        const retried = anEvent();
        const original = await store.appendToStream(id, [retried], { expectedRevision: 0n });
        await store.appendToStream(id, [anEvent()], { expectedRevision: 1n });
        const again = await store.appendToStream(id, [retried], { expectedRevision: 0n });
        expect(again).toEqual(original);
        const events = await collect(store.readStream(id));
        expect(events.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
        expect(events.filter((event) => event.id === retried.id)).toHaveLength(1);
      });
    });

    describe('revisions and positions', () => {
      it('revisions are gapless from 0 per stream; positions strictly increase across streams', async () => {
        const [a, b] = [stream('a'), stream('b')];
        const results: [string, AppendResult, EventToAppend[]][] = [];
        for (const [id, count] of [
          [a, 1],
          [b, 3],
          [a, 2],
          [b, 1],
        ] as const) {
          const batch = Array.from({ length: count }, () => anEvent());
          results.push([id, await store.appendToStream(id, batch), batch]);
        }
        expect(await revisionsOf(store, a)).toEqual([0n, 1n, 2n]);
        expect(await revisionsOf(store, b)).toEqual([0n, 1n, 2n, 3n]);

        const all = await ownEvents();
        expect(all.map((event) => event.id)).toEqual(
          results.flatMap(([, , batch]) => batch.map((e) => e.id)),
        );
        expectStrictlyIncreasing(all.map((event) => event.position));
        for (const [, result, batch] of results) {
          expect(all.find((event) => event.id === batch.at(-1)?.id)?.position).toBe(result.position);
        }
        expect(await store.headPosition()).toBeGreaterThanOrEqual(all.at(-1)?.position ?? 0n);
      });

      it('a recorded event carries its id, stream, type, revision, position and an ISO recording time', async () => {
        const id = stream();
        const event = anEvent('AccountRegistered', { name: 'Acme Tooling' });
        const result = await store.appendToStream(id, [event], { expectedRevision: 'no_stream' });
        const [recorded] = await collect(store.readStream(id));
        expect(recorded).toMatchObject({
          id: event.id,
          streamId: id,
          type: 'AccountRegistered',
          revision: 0n,
          position: result.position,
          data: { name: 'Acme Tooling' },
        });
        expect(new Date(recorded?.recordedAt ?? '').toISOString()).toBe(recorded?.recordedAt);
      });
    });

    describe('readStream', () => {
      it('reads forwards and backwards from a revision, up to maxCount', async () => {
        const id = stream();
        const batch = Array.from({ length: 10 }, () => anEvent());
        await store.appendToStream(id, batch, { expectedRevision: 'no_stream' });
        const revisions = async (options: Parameters<EventStore['readStream']>[1]): Promise<bigint[]> =>
          (await collect(store.readStream(id, options))).map((event) => event.revision);

        expect(await revisions({})).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
        expect(await revisions({ fromRevision: 7n })).toEqual([7n, 8n, 9n]);
        expect(await revisions({ fromRevision: 2n, maxCount: 3 })).toEqual([2n, 3n, 4n]);
        expect(await revisions({ direction: 'backwards' })).toEqual([9n, 8n, 7n, 6n, 5n, 4n, 3n, 2n, 1n, 0n]);
        expect(await revisions({ direction: 'backwards', fromRevision: 3n, maxCount: 2 })).toEqual([3n, 2n]);
        expect(await revisions({ direction: 'backwards', maxCount: 1 })).toEqual([9n]);
        expect(await revisions({ fromRevision: 10n })).toEqual([]);
        const backwardsIds = (await collect(store.readStream(id, { direction: 'backwards' }))).map(
          (e) => e.id,
        );
        expect(backwardsIds).toEqual(batch.map((event) => event.id).reverse());
      });

      it('a stream that does not exist reads as empty, in both directions', async () => {
        const id = stream();
        expect(await collect(store.readStream(id))).toEqual([]);
        expect(await collect(store.readStream(id, { direction: 'backwards' }))).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('reads after a checkpoint, exclusive, up to maxCount', async () => {
        const id = stream();
        const batch = Array.from({ length: 6 }, () => anEvent());
        await store.appendToStream(id, batch, { expectedRevision: 'no_stream' });
        const all = await ownEvents();
        const checkpoint = all[1]?.position;
        const filter = { streamPrefixes: [prefix] };

        const rest = await collect(store.readAll({ after: checkpoint, filter }));
        expect(rest.map((event) => event.id)).toEqual(batch.slice(2).map((event) => event.id));
        const two = await collect(store.readAll({ after: checkpoint, filter, maxCount: 2 }));
        expect(two.map((event) => event.id)).toEqual(batch.slice(2, 4).map((event) => event.id));
        const none = await collect(store.readAll({ after: all.at(-1)?.position, filter }));
        expect(none).toEqual([]);
      });

      it('filters by event type, by stream prefix, and by both', async () => {
        const [account, plan, other] = [stream('account'), stream('plan'), stream('other')];
        await store.appendToStream(account, [anEvent('OrderRecorded'), anEvent('PaymentReceived')]);
        await store.appendToStream(plan, [anEvent('KeyActivityPlanned'), anEvent('OrderRecorded')]);
        await store.appendToStream(other, [anEvent('OrderRecorded')]);
        const read = async (filter: {
          eventTypes?: string[];
          streamPrefixes?: string[];
        }): Promise<string[]> =>
          (await collect(store.readAll({ filter }))).map((event) => `${event.streamId}/${event.type}`);

        expect(await read({ streamPrefixes: [`${prefix}account-`, `${prefix}plan-`] })).toEqual([
          `${account}/OrderRecorded`,
          `${account}/PaymentReceived`,
          `${plan}/KeyActivityPlanned`,
          `${plan}/OrderRecorded`,
        ]);
        expect(
          await read({ streamPrefixes: [prefix], eventTypes: ['OrderRecorded', 'KeyActivityPlanned'] }),
        ).toEqual([
          `${account}/OrderRecorded`,
          `${plan}/KeyActivityPlanned`,
          `${plan}/OrderRecorded`,
          `${other}/OrderRecorded`,
        ]);
        const byType = await collect(store.readAll({ filter: { eventTypes: ['PaymentReceived'] } }));
        expect(byType.every((event) => event.type === 'PaymentReceived')).toBe(true);
        expect(byType.map((event) => event.streamId)).toContain(account);
      });

      it('readAllPages yields what readAll yields, in order, in pages of at most pageSize', async () => {
        const [account, plan] = [stream('account'), stream('plan')];
        await store.appendToStream(
          account,
          Array.from({ length: 5 }, () => anEvent('OrderRecorded')),
        );
        await store.appendToStream(plan, [anEvent('PaymentReceived'), anEvent('OrderRecorded')]);
        await store.appendToStream(account, [anEvent('PaymentReceived')]);
        const all = await ownEvents();
        const own = { streamPrefixes: [prefix] };
        const cases: ReadAllOptions[] = [
          { filter: own },
          { filter: { ...own, eventTypes: ['OrderRecorded'] } },
          { filter: { streamPrefixes: [`${prefix}plan-`] } },
          { filter: own, after: all[1]?.position },
          { filter: own, after: all[1]?.position, maxCount: 3 },
          { filter: own, after: all.at(-1)?.position },
        ];
        for (const options of cases) {
          const expected = await collect(store.readAll(options));
          const pages = await collect(readAllPages(store, { ...options, pageSize: 2 }));
          expect(pages.map((page) => page.length).every((length) => length >= 1 && length <= 2)).toBe(true);
          expect(pages.flat()).toEqual(expected);
        }
        expect((await collect(readAllPages(store, { filter: own }))).flat()).toEqual(all);
        expect(() => readAllPages(store, { pageSize: 0 })).toThrow(RangeError);
      });

      it('readStreams, where the store has it, reads each stream from its own revision, in the order asked', async () => {
        if (store.readStreams === undefined) return;
        const [a, b, c] = [stream('a'), stream('b'), stream('c')];
        await store.appendToStream(
          b,
          Array.from({ length: 700 }, (_, i) => anEvent('Long', { i })),
        );
        await store.appendToStream(a, [anEvent('A', { i: 0 }), anEvent('A', { i: 1 })]);
        await store.appendToStream(c, [anEvent('C', { i: 0 })]);
        await store.appendToStream(b, [anEvent('Long', { i: 700 })]);
        const read = await collect(
          store.readStreams([
            { streamId: c, fromRevision: 0n },
            { streamId: stream('missing'), fromRevision: 0n },
            { streamId: b, fromRevision: 5n },
            { streamId: a, fromRevision: 1n },
            { streamId: c, fromRevision: 1n },
          ]),
        );
        expect(read.map((event) => [event.streamId, Number(event.revision), event.data['i']])).toEqual([
          [c, 0, 0],
          ...Array.from({ length: 696 }, (_, i) => [b, i + 5, i + 5]),
          [a, 1, 1],
        ]);
        expect(await collect(store.readStreams([]))).toEqual([]);
      });
    });

    describe('concurrent appends', () => {
      it('exactly one of two racing appends at the same revision wins, and nothing is lost', async () => {
        const id = stream();
        const history = Array.from({ length: 6 }, () => anEvent());
        await store.appendToStream(id, history, { expectedRevision: 'no_stream' });
        const [left, right] = [anEvent(), anEvent()];
        const outcomes = await Promise.allSettled([
          store.appendToStream(id, [left], { expectedRevision: 5n }),
          store.appendToStream(id, [right], { expectedRevision: 5n }),
        ]);

        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
        expect(won).toHaveLength(1);
        expect(won[0]?.value.nextExpectedRevision).toBe(6n);
        expect(lost).toHaveLength(1);
        expectWrongVersionError(lost[0], { streamId: id, expected: 5n, actual: 6n });

        const [winner, loser] = outcomes[0]?.status === 'fulfilled' ? [left, right] : [right, left];
        const retried = await store.appendToStream(id, [loser], { expectedRevision: 6n });
        expect(retried.nextExpectedRevision).toBe(7n);
        const events = await collect(store.readStream(id));
        expect(events.map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n]);
        expect(events.map((event) => event.id)).toEqual([
          ...history.map((event) => event.id),
          winner.id,
          loser.id,
        ]);
      });

      it('many concurrent appenders on one stream all land once, with gapless revisions', async () => {
        const id = stream();
        const batches = Array.from({ length: 24 }, (_, i) =>
          Array.from({ length: 1 + (i % 3) }, () => anEvent()),
        );
        await Promise.all(
          batches.map((batch) => store.appendToStream(id, batch, { expectedRevision: 'any' })),
        );
        const events = await collect(store.readStream(id));
        const total = batches.reduce((sum, batch) => sum + batch.length, 0);
        expect(events.map((event) => event.revision)).toEqual(
          Array.from({ length: total }, (_, i) => BigInt(i)),
        );
        expect(new Set(events.map((event) => event.id))).toEqual(
          new Set(batches.flat().map((event) => event.id)),
        );
        for (const batch of batches) {
          const revisions = batch.map((e) => events.findIndex((recorded) => recorded.id === e.id));
          expect(revisions).toEqual(revisions.map((_, i) => (revisions[0] ?? 0) + i));
        }
      });
    });

    describe('a failed append leaves no trace', () => {
      it('after a conflict the next append takes the next revision, with nothing missing', async () => {
        const id = stream();
        await store.appendToStream(id, [anEvent(), anEvent(), anEvent()], { expectedRevision: 'no_stream' });
        const rejected = [anEvent(), anEvent()];
        await expect(store.appendToStream(id, rejected, { expectedRevision: 0n })).rejects.toThrow(
          WrongExpectedVersionError,
        );
        await expect(store.appendToStream(id, rejected, { expectedRevision: 'no_stream' })).rejects.toThrow(
          WrongExpectedVersionError,
        );
        const next = await store.appendToStream(id, [anEvent()], { expectedRevision: 2n });
        expect(next.nextExpectedRevision).toBe(3n);
        expect(await revisionsOf(store, id)).toEqual([0n, 1n, 2n, 3n]);
        const ids = (await ownEvents()).map((event) => event.id);
        expect(ids).toHaveLength(4);
        expect(ids).not.toContain(rejected[0]?.id);
      });

      it('a failed append to a new stream leaves the stream non-existent', async () => {
        const id = stream();
        await expect(store.appendToStream(id, [anEvent()], { expectedRevision: 0n })).rejects.toThrow(
          WrongExpectedVersionError,
        );
        await expectWrongVersion(
          store.appendToStream(id, [anEvent()], { expectedRevision: 'stream_exists' }),
          {
            streamId: id,
            expected: 'stream_exists',
            actual: -1n,
          },
        );
        expect(await collect(store.readStream(id))).toEqual([]);
        const created = await store.appendToStream(id, [anEvent()], { expectedRevision: 'no_stream' });
        expect(created.nextExpectedRevision).toBe(0n);
      });

      it("of two racing 'no_stream' appends the loser leaves nothing behind", async () => {
        const id = stream();
        const outcomes = await Promise.allSettled([
          store.appendToStream(id, [anEvent(), anEvent()], { expectedRevision: 'no_stream' }),
          store.appendToStream(id, [anEvent(), anEvent()], { expectedRevision: 'no_stream' }),
        ]);
        expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
        expect(await revisionsOf(store, id)).toEqual([0n, 1n]);
      });

      it('a conflict fails alone while appends made at the same moment commit', async () => {
        const [a, b, c] = [stream('a'), stream('b'), stream('c')];
        const outcomes = await Promise.allSettled([
          store.appendToStream(a, [anEvent()], { expectedRevision: 'no_stream' }),
          store.appendToStream(b, [anEvent(), anEvent()], { expectedRevision: 3n }),
          store.appendToStream(c, [anEvent()], { expectedRevision: 'no_stream' }),
        ]);
        expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect((await ownEvents()).map((event) => event.streamId)).toEqual(expect.arrayContaining([a, c]));
        expect(await collect(store.readStream(b))).toEqual([]);
        expect(await revisionsOf(store, a)).toEqual([0n]);
      });
    });

    describe('payloads', () => {
      it('metadata round-trips: correlation, causation, actor, reason, schema version and extra keys', async () => {
        const id = stream();
        const metadata: EventMetadata = {
          correlationId: randomUUID(),
          causationId: randomUUID(),
          actor: 'li.wei@example.com',
          reason: '年度动态评估：战略大客户降级',
          schemaVersion: 3,
          source: 'csv-import',
          line: 42,
          dryRun: false,
          nested: { runId: 'run-7', tags: ['q3', null] },
        };
        const unexplained = anEvent('ProfileUpdated', {}, { reason: null });
        await store.appendToStream(id, [anEvent('ProfileUpdated', {}, metadata), unexplained]);
        const [recorded, second] = await collect(store.readStream(id));
        expect(recorded?.metadata).toEqual(metadata);
        expect(second?.metadata).toEqual(unexplained.metadata);
      });

      it('data round-trips as JSON, unicode included', async () => {
        const id = stream();
        const data = {
          name: '华东精密工具有限公司',
          note: '款到发货；见海运提单付款 — 😀 ünïcödé',
          amount: '1200.50',
          minorUnits: 120050,
          ratio: 0.125,
          negative: -3,
          flags: [true, false, null],
          nested: { deeper: { empty: '', list: [] as unknown[], object: {} } },
          long: '客'.repeat(5_000),
        };
        await store.appendToStream(id, [anEvent('AccountRegistered', data)]);
        const [recorded] = await collect(store.readStream(id));
        expect(recorded?.data).toEqual(data);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up from the start, then delivers live events, each once, in order, filtered', async () => {
        const id = stream();
        const before = [anEvent('OrderRecorded'), anEvent('ProfileUpdated'), anEvent('OrderRecorded')];
        await store.appendToStream(id, before, { expectedRevision: 'no_stream' });
        const subscription = store.subscribeToAll({
          filter: { streamPrefixes: [prefix], eventTypes: ['OrderRecorded'] },
        });
        const iterator = subscription[Symbol.asyncIterator]();
        const history = await take(iterator, 2);

        const live = [anEvent('ProfileUpdated'), anEvent('OrderRecorded')];
        await store.appendToStream(id, live, { expectedRevision: 2n });
        const sentinel = anEvent('OrderRecorded');
        await store.appendToStream(stream(), [sentinel]);
        const rest = await takeUntil(iterator, sentinel.id);
        await subscription.unsubscribe();

        expect([...history, ...rest].map((event) => event.id)).toEqual([
          before[0]?.id,
          before[2]?.id,
          live[1]?.id,
          sentinel.id,
        ]);
        expectStrictlyIncreasing([...history, ...rest].map((event) => event.position));
      });

      it('starts right after the given position', async () => {
        const id = stream();
        const batch = [anEvent(), anEvent(), anEvent()];
        await store.appendToStream(id, batch, { expectedRevision: 'no_stream' });
        const [first] = await ownEvents();
        const subscription = store.subscribeToAll({
          after: first?.position,
          filter: { streamPrefixes: [prefix] },
        });
        const seen = await take(subscription[Symbol.asyncIterator](), 2);
        await subscription.unsubscribe();
        expect(seen.map((event) => event.id)).toEqual([batch[1]?.id, batch[2]?.id]);
      });

      it('sees every event exactly once across a restart, resuming from its checkpoint', async () => {
        const id = stream();
        const filter = { streamPrefixes: [prefix] };
        const before = Array.from({ length: 5 }, () => anEvent());
        await store.appendToStream(id, before, { expectedRevision: 'no_stream' });

        const first = store.subscribeToAll({ filter });
        const consumed = await take(first[Symbol.asyncIterator](), 3);
        const checkpoint = consumed.at(-1)?.position;
        await first.unsubscribe();

        store = await fixture.reopen();
        const resumed = store.subscribeToAll({ after: checkpoint, filter });
        const iterator = resumed[Symbol.asyncIterator]();
        const caughtUp = await take(iterator, 2);
        const live = [anEvent(), anEvent()];
        await store.appendToStream(id, live, { expectedRevision: 4n });
        const sentinel = anEvent();
        await store.appendToStream(id, [sentinel], { expectedRevision: 6n });
        const rest = await takeUntil(iterator, sentinel.id);
        await resumed.unsubscribe();

        const delivered = [...consumed, ...caughtUp, ...rest].map((event) => event.id);
        expect(delivered).toEqual([...before, ...live, sentinel].map((event) => event.id));
      });

      it('unsubscribe ends the iteration, also a read that is waiting for the next event', async () => {
        const subscription = store.subscribeToAll({
          after: await store.headPosition(),
          filter: { streamPrefixes: [prefix] },
        });
        const iterator = subscription[Symbol.asyncIterator]();
        const waiting = iterator.next();
        await subscription.unsubscribe();
        await expect(waiting).resolves.toMatchObject({ done: true });
        await store.appendToStream(stream(), [anEvent()]);
        await expect(iterator.next()).resolves.toMatchObject({ done: true });
      });
    });
  });
}

export function anEvent(
  type = 'ThingHappened',
  data: Record<string, unknown> = { at: new Date(0).toISOString() },
  metadata: Partial<EventMetadata> = {},
): EventToAppend {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: 'contract-suite',
      schemaVersion: 1,
      ...metadata,
    },
  };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function take(iterator: AsyncIterator<RecordedEvent>, count: number): Promise<RecordedEvent[]> {
  const taken: RecordedEvent[] = [];
  while (taken.length < count) {
    const next = await iterator.next();
    if (next.done === true) throw new Error(`subscription ended after ${taken.length} of ${count} events`);
    taken.push(next.value);
  }
  return taken;
}

/** Reads up to and including the event with this id: anything delivered twice shows up before it. */
async function takeUntil(iterator: AsyncIterator<RecordedEvent>, id: string): Promise<RecordedEvent[]> {
  const taken: RecordedEvent[] = [];
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) throw new Error(`subscription ended before event ${id}`);
    taken.push(next.value);
    if (next.value.id === id) return taken;
  }
}

async function revisionsOf(store: EventStore, streamId: string): Promise<bigint[]> {
  return (await collect(store.readStream(streamId))).map((event) => event.revision);
}

function expectStrictlyIncreasing(positions: readonly bigint[]): void {
  positions.slice(1).forEach((position, i) => expect(position > (positions[i] ?? position)).toBe(true));
}

type WrongVersion = Readonly<{ streamId: string; expected: ExpectedRevision; actual: bigint }>;

async function expectWrongVersion(append: Promise<AppendResult>, wanted: WrongVersion): Promise<void> {
  const error = await append.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expectWrongVersionError(error, wanted);
}

function expectWrongVersionError(error: unknown, wanted: WrongVersion): void {
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  const { streamId, expected, actual } = error as WrongExpectedVersionError;
  expect({ streamId, expected, actual }).toEqual(wanted);
}
