import type { ExecutionContext } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { createHash } from 'node:crypto';
import { RequestValidationError } from '../http/api-errors.js';
import { headerOf, type ApiRequest, type ApiResponse } from '../http/api-request.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const ACCEPTABLE_KEY = /^[\x21-\x7e]{1,200}$/;

/** A POST sent with an Idempotency-Key: what its first answer is stored and found again under. */
export type IdempotentRequest = Readonly<{
  actor: string;
  key: string;
  /** The method, path, If-Match and body: the same key with another request is refused. */
  fingerprint: string;
  status: number;
  /** Tells the caller the answer is the stored one. */
  markReplayed: () => void;
}>;

/** Key order must not make two equal bodies look different. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

const fingerprintOf = (request: ApiRequest): string =>
  createHash('sha256')
    .update(
      [
        request.method,
        request.originalUrl,
        headerOf(request, 'if-match') ?? '',
        canonicalJson(request.body),
      ].join('\n'),
    )
    .digest('hex');

/** Null unless the request is a POST with an Idempotency-Key; a malformed key is a 400. */
export const idempotentRequestOf = (context: ExecutionContext): IdempotentRequest | null => {
  const http = context.switchToHttp();
  const request = http.getRequest<ApiRequest>();
  const key = headerOf(request, IDEMPOTENCY_HEADER);
  if (request.method !== 'POST' || key === undefined) return null;
  if (!ACCEPTABLE_KEY.test(key)) {
    throw new RequestValidationError([
      { field: IDEMPOTENCY_HEADER, rule: 'token', message: 'must be 1 to 200 visible ASCII characters' },
    ]);
  }
  const status = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined;
  return {
    actor: request.caller?.actor ?? 'local',
    key,
    fingerprint: fingerprintOf(request),
    status: status ?? 201,
    markReplayed: () => void http.getResponse<ApiResponse>().header('Idempotent-Replayed', 'true'),
  };
};
