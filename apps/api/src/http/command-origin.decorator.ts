import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { RequestValidationError } from './api-errors.js';
import { headerOf, type ApiRequest } from './api-request.js';
import { idempotentRequestOf, type IdempotentRequest } from '../idempotency/idempotent-request.js';

/** Where a command came from: it becomes the recorded events' metadata. */
export type CommandOrigin = Readonly<{
  actor: string;
  reason: string | null;
  correlationId: string;
  requestId: string;
  ifMatchRevision: bigint | undefined;
  idempotencyKey: string | undefined;
  /** Set for a POST with an Idempotency-Key: AccountCommandSender runs the command once per key. */
  idempotency: IdempotentRequest | null;
}>;

const ETAG_REVISION = /^(?:W\/)?"(\d{1,19})"$/;
export const MAX_REASON_LENGTH = 500;

/** `If-Match: "<revision>"`; `*` asks only that the account exists, which every command checks anyway. */
export const parseIfMatch = (value: string | undefined): bigint | undefined => {
  if (value === undefined || value.trim() === '*') return undefined;
  const match = ETAG_REVISION.exec(value.trim());
  if (match?.[1] === undefined) {
    throw new RequestValidationError([
      { field: 'If-Match', rule: 'etag', message: 'must be the quoted revision from an ETag, such as "3"' },
    ]);
  }
  return BigInt(match[1]);
};

const reasonFrom = (request: ApiRequest): string | null => {
  const header = headerOf(request, 'x-reason')?.trim();
  if (header === undefined || header === '') return null;
  if (header.length > MAX_REASON_LENGTH) {
    throw new RequestValidationError([
      { field: 'X-Reason', rule: 'max_length', message: `must be at most ${MAX_REASON_LENGTH} characters` },
    ]);
  }
  return header;
};

export const commandOriginOf = (
  request: ApiRequest,
  idempotency: IdempotentRequest | null = null,
): CommandOrigin => ({
  actor: request.caller?.actor ?? 'local',
  reason: reasonFrom(request),
  correlationId: request.correlationId,
  requestId: request.requestId,
  ifMatchRevision: parseIfMatch(headerOf(request, 'if-match')),
  idempotencyKey: headerOf(request, 'idempotency-key'),
  idempotency,
});

/** What @Origin() computes; IdempotencyModule looks for it on every command route at boot. */
export const originOfContext = (_data: unknown, context: ExecutionContext): CommandOrigin =>
  commandOriginOf(context.switchToHttp().getRequest<ApiRequest>(), idempotentRequestOf(context));

export const Origin = createParamDecorator(originOfContext);
