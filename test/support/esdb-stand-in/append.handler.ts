/**
 * TEST CODE, NOT A PRODUCT: `Streams/Append` of the EventStoreDB stand-in. Client-streaming: the
 * options message first (stream and expected revision), then one proposed message per event; the
 * answer is success or a wrong-expected-version result, in the shape EventStoreDB 21+ sends.
 */
import * as grpc from '@grpc/grpc-js';
import type { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb.js';

import type { Expectation, InMemoryLog, ProposedEvent } from './in-memory-log.store.js';
import {
  MissingMetadataError,
  ProtocolError,
  REQUIRED_METADATA,
  expectationOf,
  proposedEventOf,
  streamNameOf,
  toAppendResp,
} from './protocol.mapper.js';

type AppendCall = grpc.ServerReadableStream<AppendReq, AppendResp>;

type PendingAppend = { streamName?: string; expectation?: Expectation; events: ProposedEvent[] };

const missingMetadataError = (message: string): Partial<grpc.StatusObject> => {
  const metadata = new grpc.Metadata();
  metadata.set('exception', 'missing-required-metadata-property');
  metadata.set('required-metadata-properties', REQUIRED_METADATA.join(','));
  return { code: grpc.status.INVALID_ARGUMENT, details: message, metadata };
};

const accept = (pending: PendingAppend, request: AppendReq): void => {
  const options = request.getOptions();
  if (request.hasOptions() && options) {
    if (pending.streamName !== undefined) throw new ProtocolError('options were sent twice');
    pending.streamName = streamNameOf(options.getStreamIdentifier());
    pending.expectation = expectationOf(options);
    return;
  }
  const message = request.getProposedMessage();
  if (pending.streamName === undefined || message === undefined) {
    throw new ProtocolError('the first append message must carry the options');
  }
  pending.events.push(proposedEventOf(message));
};

export const createAppendHandler =
  (log: InMemoryLog) =>
  (call: AppendCall, callback: grpc.sendUnaryData<AppendResp>): void => {
    const pending: PendingAppend = { events: [] };
    let failed = false;
    call.on('data', (request: AppendReq) => {
      if (failed) return;
      try {
        accept(pending, request);
      } catch (error) {
        failed = true;
        const message = error instanceof Error ? error.message : String(error);
        callback(
          error instanceof MissingMetadataError ? missingMetadataError(message) : invalid(message),
          null,
        );
      }
    });
    call.on('end', () => {
      if (failed) return;
      if (pending.streamName === undefined || pending.expectation === undefined) {
        callback(invalid('an append needs its options'), null);
        return;
      }
      callback(null, toAppendResp(log.append(pending.streamName, pending.expectation, pending.events)));
    });
  };

const invalid = (details: string): Partial<grpc.StatusObject> => ({
  code: grpc.status.INVALID_ARGUMENT,
  details,
});
