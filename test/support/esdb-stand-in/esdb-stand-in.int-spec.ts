import { randomUUID } from 'node:crypto';

import * as grpc from '@grpc/grpc-js';
import { BACKWARDS, END, EventStoreDBClient, jsonEvent, START } from '@eventstore/db-client';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';

import { startEsdbStandIn, type EsdbStandIn } from './esdb-stand-in.server.js';
import { parseUuid, toUuid } from './protocol.mapper.js';

const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

const supportedMethods = (port: number): Promise<SupportedMethods> =>
  new Promise((resolve, reject) => {
    const client = new featuresGrpc.ServerFeaturesClient(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    );
    client.getSupportedMethods(new sharedPb.Empty(), (error, methods) => {
      client.close();
      if (error) reject(error);
      else resolve(methods);
    });
  });

describe('the EventStoreDB gRPC stand-in, through the real client', () => {
  let standIn: EsdbStandIn;
  let client: EventStoreDBClient;
  const events = (count: number) =>
    Array.from({ length: count }, (_, i) => jsonEvent({ type: 'Counted', data: { i } }));

  beforeEach(async () => {
    standIn = await startEsdbStandIn();
    client = EventStoreDBClient.connectionString(standIn.connectionString);
  });
  afterEach(async () => {
    await client.dispose();
    await standIn.stop();
  });

  it('advertises read and append but not batch append, which it does not implement', async () => {
    const methods = (await supportedMethods(standIn.port))
      .getMethodsList()
      .map((method) => `${method.getServiceName()}/${method.getMethodName()}`);
    expect(methods).toEqual(
      expect.arrayContaining([
        'event_store.client.streams.streams/read',
        'event_store.client.streams.streams/append',
      ]),
    );
    expect(methods.some((method) => method.endsWith('/batchappend'))).toBe(false);
  });

  it('numbers $all with increasing, byte-offset-like positions and stamps created in 100 ns ticks', async () => {
    await client.appendToStream(`s-${randomUUID()}`, events(3));
    const all = (await collect(client.readAll())).flatMap((resolved) =>
      resolved.event ? [resolved.event] : [],
    );
    expect(all.filter((event) => event.type.startsWith('$')).length).toBeGreaterThan(0);
    const positions = all.map((event) => event.position.commit);
    positions.slice(1).forEach((position, i) => expect(position - (positions[i] ?? 0n)).toBeGreaterThan(1n));
    expect(all.every((event) => event.position.commit === event.position.prepare)).toBe(true);
    const created = all.at(-1)?.created.getTime() ?? 0;
    expect(Math.abs(created - Date.now())).toBeLessThan(60_000);
  });

  it('reads $all backwards from a position as what lies before it, and a stream backwards inclusively', async () => {
    const stream = `s-${randomUUID()}`;
    await client.appendToStream(stream, events(4));
    const all = (await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 4 }))).map(
      (resolved) => resolved.event?.position,
    );
    const third = all[1];
    if (third === undefined) throw new Error('expected four events');
    const before = await collect(client.readAll({ fromPosition: third, direction: BACKWARDS, maxCount: 2 }));
    expect(before.map((resolved) => resolved.event?.position)).toEqual(all.slice(2, 4));
    const revisions = await collect(client.readStream(stream, { direction: BACKWARDS, fromRevision: 2n }));
    expect(revisions.map((resolved) => resolved.event?.revision)).toEqual([2n, 1n, 0n]);
  });

  it('a stream subscription starts after the revision it is given and then follows live appends', async () => {
    const stream = `s-${randomUUID()}`;
    await client.appendToStream(stream, events(3));
    const subscription = client.subscribeToStream(stream, { fromRevision: 0n });
    const seen: bigint[] = [];
    for await (const resolved of subscription) {
      seen.push(resolved.event?.revision ?? -1n);
      if (seen.length === 2) await client.appendToStream(stream, events(1), { expectedRevision: 2n });
      if (seen.length === 3) break;
    }
    await subscription.unsubscribe();
    expect(seen).toEqual([1n, 2n, 3n]);
  });

  it('restart keeps the data and the port', async () => {
    const stream = `s-${randomUUID()}`;
    await client.appendToStream(stream, events(2), { expectedRevision: 'no_stream' });
    await standIn.restart();
    const read = await collect(client.readStream(stream, { fromRevision: START }));
    expect(read.map((resolved) => resolved.event?.revision)).toEqual([0n, 1n]);
    const next = await client.appendToStream(stream, events(1), { expectedRevision: 1n });
    expect(next.nextExpectedRevision).toBe(2n);
  });

  it('speaks both UUID encodings of the protocol', () => {
    const id = randomUUID();
    expect(parseUuid(toUuid(id, 'structured'))).toBe(id);
    expect(parseUuid(toUuid(id, 'string'))).toBe(id);
    expect(toUuid(id, 'structured').hasStructured()).toBe(true);
  });
});
