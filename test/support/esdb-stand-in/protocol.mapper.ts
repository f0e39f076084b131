/**
 * TEST CODE, NOT A PRODUCT: conversions between the EventStoreDB gRPC messages (the client package's
 * own generated classes) and the stand-in's in-memory log.
 */
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import type { UUID, StreamIdentifier } from '@eventstore/db-client/generated/shared_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb.js';

import type { AppendOutcome, Expectation, LoggedEvent, ProposedEvent } from './in-memory-log.store.js';

export type UuidFormat = 'string' | 'structured';

export type EventPredicate = (event: LoggedEvent) => boolean;

export type ReadFilter = Readonly<{
  matches: EventPredicate;
  /** Events scanned between two checkpoint messages (subscriptions only). */
  checkpointEvery: number;
}>;

// The server's default search window; the client's checkpoint interval multiplies it.
const DEFAULT_SEARCH_WINDOW = 32;

export class ProtocolError extends Error {
  override readonly name: string = 'ProtocolError';
}

export class MissingMetadataError extends ProtocolError {
  override readonly name = 'MissingMetadataError';
}

const hexOf = (value: bigint): string => BigInt.asUintN(64, value).toString(16).padStart(16, '0');

export const parseUuid = (uuid: UUID | undefined): string => {
  if (uuid === undefined) throw new ProtocolError('an event id is required');
  const structured = uuid.getStructured();
  if (uuid.hasStructured() && structured) {
    const hex =
      hexOf(BigInt(structured.getMostSignificantBits())) +
      hexOf(BigInt(structured.getLeastSignificantBits()));
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return uuid.getString().toLowerCase();
};

export const toUuid = (id: string, format: UuidFormat): UUID => {
  const uuid = new sharedPb.UUID();
  if (format === 'string') return uuid.setString(id);
  const hex = id.replaceAll('-', '');
  const structured = new sharedPb.UUID.Structured()
    .setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString())
    .setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString());
  return uuid.setStructured(structured);
};

export const streamNameOf = (identifier: StreamIdentifier | undefined): string => {
  if (identifier === undefined) throw new ProtocolError('a stream identifier is required');
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
};

export const toStreamIdentifier = (streamName: string): StreamIdentifier =>
  new sharedPb.StreamIdentifier().setStreamName(Buffer.from(streamName, 'utf8'));

export const expectationOf = (options: AppendReq.Options): Expectation => {
  if (options.hasRevision()) return { kind: 'revision', revision: BigInt(options.getRevision()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
};

/** The server refuses a proposed message without these metadata keys. */
export const REQUIRED_METADATA = ['type', 'content-type'] as const;

export const proposedEventOf = (message: AppendReq.ProposedMessage): ProposedEvent => {
  const metadata = message.getMetadataMap();
  const missing = REQUIRED_METADATA.filter((key) => metadata.get(key) === undefined);
  if (missing.length > 0) throw new MissingMetadataError(`missing metadata: ${missing.join(',')}`);
  return {
    id: parseUuid(message.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
};

const empty = (): InstanceType<typeof sharedPb.Empty> => new sharedPb.Empty();

export const toAppendResp = (outcome: AppendOutcome): AppendResp =>
  outcome.kind === 'success' ? successResp(outcome) : wrongExpectedVersionResp(outcome);

const successResp = (outcome: Extract<AppendOutcome, { kind: 'success' }>): AppendResp => {
  const success = new streamsPb.AppendResp.Success();
  if (outcome.currentRevision === null) success.setNoStream(empty());
  else success.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.position === null) success.setNoPosition(empty());
  else {
    const position = outcome.position.toString();
    success.setPosition(
      new streamsPb.AppendResp.Position().setCommitPosition(position).setPreparePosition(position),
    );
  }
  return new streamsPb.AppendResp().setSuccess(success);
};

const wrongExpectedVersionResp = (
  outcome: Extract<AppendOutcome, { kind: 'wrong_expected_version' }>,
): AppendResp => {
  const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
  if (outcome.currentRevision === null) wrong.setCurrentNoStream(empty());
  else wrong.setCurrentRevision(outcome.currentRevision.toString());
  const expected = outcome.expected;
  switch (expected.kind) {
    case 'revision':
      wrong.setExpectedRevision(expected.revision.toString());
      break;
    case 'no_stream':
      wrong.setExpectedNoStream(empty());
      break;
    case 'stream_exists':
      wrong.setExpectedStreamExists(empty());
      break;
    case 'any':
      wrong.setExpectedAny(empty());
      break;
  }
  return new streamsPb.AppendResp().setWrongExpectedVersion(wrong);
};

export const toReadEventResp = (event: LoggedEvent, uuidFormat: UuidFormat): ReadResp => {
  const position = event.position.toString();
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent()
    .setId(toUuid(event.id, uuidFormat))
    .setStreamIdentifier(toStreamIdentifier(event.streamName))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(position)
    .setPreparePosition(position)
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.created.toString());
  const readEvent = new streamsPb.ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(position);
  return new streamsPb.ReadResp().setEvent(readEvent);
};

export const confirmationResp = (subscriptionId: string): ReadResp =>
  new streamsPb.ReadResp().setConfirmation(
    new streamsPb.ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId),
  );

export const checkpointResp = (position: bigint): ReadResp =>
  new streamsPb.ReadResp().setCheckpoint(
    new streamsPb.ReadResp.Checkpoint()
      .setCommitPosition(position.toString())
      .setPreparePosition(position.toString()),
  );

export const caughtUpResp = (): ReadResp =>
  new streamsPb.ReadResp().setCaughtUp(new streamsPb.ReadResp.CaughtUp());

export const streamNotFoundResp = (streamName: string): ReadResp =>
  new streamsPb.ReadResp().setStreamNotFound(
    new streamsPb.ReadResp.StreamNotFound().setStreamIdentifier(toStreamIdentifier(streamName)),
  );

export const uuidFormatOf = (options: ReadReq.Options): UuidFormat =>
  options.getUuidOption()?.hasStructured() ? 'structured' : 'string';

const expressionPredicate = (
  expression: ReadReq.Options.FilterOptions.Expression,
  pick: (event: LoggedEvent) => string,
): EventPredicate => {
  const prefixes = expression.getPrefixList();
  if (prefixes.length > 0) return (event) => prefixes.some((prefix) => pick(event).startsWith(prefix));
  const regex = new RegExp(expression.getRegex());
  return (event) => regex.test(pick(event));
};

/** The server-side filter of a read or subscription of `$all`, or undefined without one. */
export const filterOf = (options: ReadReq.Options): ReadFilter | undefined => {
  const filter = options.getFilter();
  if (!options.hasFilter() || filter === undefined) return undefined;
  const streamExpression = filter.getStreamIdentifier();
  const typeExpression = filter.getEventType();
  const matches =
    streamExpression !== undefined
      ? expressionPredicate(streamExpression, (event) => event.streamName)
      : typeExpression !== undefined
        ? expressionPredicate(typeExpression, (event) => event.type)
        : () => true;
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  const multiplier = Math.max(1, filter.getCheckpointintervalmultiplier());
  return { matches, checkpointEvery: Math.max(1, window * multiplier) };
};
