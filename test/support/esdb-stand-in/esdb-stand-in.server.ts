/**
 * TEST CODE, NOT A PRODUCT. A stand-in for an EventStoreDB / KurrentDB node, speaking its gRPC
 * protocol through the service definitions generated inside `@eventstore/db-client` itself, so that
 * the real client can be exercised where no server can be installed. It keeps everything in memory
 * and implements only what the client calls for appends, reads and catch-up subscriptions
 * (`ServerFeatures/GetSupportedMethods`, `Streams/Append`, `Streams/Read`); every other RPC answers
 * UNIMPLEMENTED. Do not point anything but tests at it.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import * as grpc from '@grpc/grpc-js';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import featuresPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';

import { createAppendHandler } from './append.handler.js';
import { InMemoryLog } from './in-memory-log.store.js';
import { createReadHandler } from './read.handler.js';

export type EsdbStandIn = Readonly<{
  /** Single node, no TLS: the client calls no gossip for a single host. */
  connectionString: string;
  port: number;
  /** Drops every connection and stops listening; the data stays in memory. */
  stop(): Promise<void>;
  /** Listens again on the same port with the same data (stopping first if it is running). */
  restart(): Promise<void>;
}>;

const SERVER_VERSION = '24.10.0';
const STREAMS_SERVICE = 'event_store.client.streams.streams';
const FEATURES_SERVICE = 'event_store.client.server_features.serverfeatures';

// Only what is implemented is advertised: a client that sees `batchappend` switches to BatchAppend.
const SUPPORTED: ReadonlyArray<readonly [service: string, method: string, features: readonly string[]]> = [
  [STREAMS_SERVICE, 'read', ['position', 'events']],
  [STREAMS_SERVICE, 'append', []],
  [FEATURES_SERVICE, 'getsupportedmethods', []],
];

const supportedMethods = (): SupportedMethods =>
  new featuresPb.SupportedMethods().setEventStoreServerVersion(SERVER_VERSION).setMethodsList(
    SUPPORTED.map(([service, method, features]) =>
      new featuresPb.SupportedMethod()
        .setServiceName(service)
        .setMethodName(method)
        .setFeaturesList([...features]),
    ),
  );

const json = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value), 'utf8');

/** A fresh node writes a few system events of its own; readers of `$all` must skip them. */
const seedSystemEvents = (log: InMemoryLog): void => {
  const system = (streamName: string, type: string, data: unknown, id: string): void => {
    log.append(streamName, { kind: 'any' }, [
      { id, type, contentType: 'application/json', data: json(data), customMetadata: new Uint8Array() },
    ]);
  };
  system(
    '$settings',
    '$settings',
    { $userStreamAcl: { $r: '$all' } },
    '0b5bd6ee-7d66-4bb0-9f8f-5d1c3b0f6a01',
  );
  system('$users', '$User', { LoginName: 'admin' }, '0b5bd6ee-7d66-4bb0-9f8f-5d1c3b0f6a02');
};

const buildServer = (log: InMemoryLog): grpc.Server => {
  const server = new grpc.Server();
  server.addService(featuresGrpc.ServerFeaturesService, {
    getSupportedMethods: (_call: unknown, callback: grpc.sendUnaryData<SupportedMethods>) =>
      callback(null, supportedMethods()),
  });
  server.addService(streamsGrpc.StreamsService, {
    read: createReadHandler(log),
    append: createAppendHandler(log),
  });
  return server;
};

const bind = (server: grpc.Server, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    );
  });

// After a stop the old listener may take a moment to release the port.
const bindWithRetry = async (server: grpc.Server, port: number): Promise<number> => {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await bind(server, port);
    } catch (error) {
      if (port === 0 || attempt >= 50) throw error;
      await sleep(20);
    }
  }
};

export const startEsdbStandIn = async (options: Readonly<{ port?: number }> = {}): Promise<EsdbStandIn> => {
  const log = new InMemoryLog();
  seedSystemEvents(log);
  let server: grpc.Server | undefined = buildServer(log);
  const port = await bindWithRetry(server, options.port ?? 0);

  const stop = async (): Promise<void> => {
    if (server === undefined) return;
    server.forceShutdown();
    server = undefined;
    await sleep(10);
  };
  const restart = async (): Promise<void> => {
    await stop();
    const next = buildServer(log);
    await bindWithRetry(next, port);
    server = next;
  };
  return { connectionString: `esdb://127.0.0.1:${port}?tls=false`, port, stop, restart };
};
