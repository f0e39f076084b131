import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { PreconditionFailedError } from '@kam/application';
import { DomainError, type DomainErrorCode, type FieldViolation } from '@kam/domain';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '@kam/event-store';
import { EvaluationRequestError, EvaluationRunNotFoundError, QueueUnreachableError } from '@kam/evaluation';
import {
  ProjectionFailedError,
  ProjectionLockedError,
  UnknownProjectionError,
  WaitForPositionTimeoutError,
} from '@kam/projections';
import {
  AuthenticationRequiredError,
  IdempotencyKeyInFlightError,
  IdempotencyKeyReusedError,
  NotReadyError,
  RequestValidationError,
  ResourceNotFoundError,
  RoleForbiddenError,
} from './api-errors.js';

/** RFC 9457 problem details, with the field violations the domain and the DTOs report. */
export type ProblemDocument = Readonly<{
  type: string;
  title: string;
  status: number;
  detail: string;
  errors: readonly FieldViolation[];
}>;

export type MappedProblem = Readonly<{ problem: ProblemDocument; headers: Readonly<Record<string, string>> }>;

/**
 * A rule broken by the request itself is 400; a reference the request names that does not exist is
 * 404 when it is in the path and 422 when it is in the body; a request that clashes with the
 * account's current state is 409.
 */
const DOMAIN_STATUS: Readonly<Record<DomainErrorCode, number>> = {
  account_not_registered: 404,
  account_already_registered: 409,
  invalid_field: 400,
  illegal_stage_transition: 409,
  override_reason_required: 422,
  unknown_invoice: 422,
  duplicate_invoice: 409,
  currency_mismatch: 422,
  unknown_activity: 404,
  member_not_assigned: 404,
  not_churned: 409,
};

const problemType = (slug: string): string => `urn:kam-ledger:problem:${slug}`;

const problem = (
  status: number,
  slug: string,
  detail: string,
  errors: readonly FieldViolation[] = [],
  headers: Readonly<Record<string, string>> = {},
): MappedProblem => ({
  problem: { type: problemType(slug), title: STATUS_CODES[status] ?? 'Error', status, detail, errors },
  headers,
});

const slugOf = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

// Fastify's code for a body its JSON parser refused (a syntax error, or a __proto__ key).
const MALFORMED_JSON = 'FST_ERR_CTP_INVALID_JSON_BODY';

const codeOfCause = (error: HttpException): unknown =>
  typeof error.cause === 'object' && error.cause !== null && 'code' in error.cause
    ? error.cause.code
    : undefined;

const fromHttpException = (error: HttpException): MappedProblem => {
  const status = error.getStatus();
  if (status === HttpStatus.PAYLOAD_TOO_LARGE) {
    return problem(status, 'payload-too-large', 'The request body is larger than the API accepts (64 kb)');
  }
  if (status === HttpStatus.BAD_REQUEST && codeOfCause(error) === MALFORMED_JSON) {
    return problem(status, 'malformed-json', 'The request body is not valid JSON', [
      { field: 'body', rule: 'json', message: 'must be a JSON document' },
    ]);
  }
  return problem(status, slugOf(STATUS_CODES[status] ?? 'error'), error.message);
};

/** Every error class the API can meet, mapped to its status and problem document in this one place. */
export const mapErrorToProblem = (error: unknown): MappedProblem => {
  if (error instanceof RequestValidationError) {
    return problem(400, 'invalid-request', error.message, error.violations);
  }
  if (error instanceof DomainError) {
    return problem(
      DOMAIN_STATUS[error.code],
      error.code.replaceAll('_', '-'),
      error.message,
      error.violations,
    );
  }
  if (error instanceof PreconditionFailedError) {
    return problem(412, 'precondition-failed', error.message, [
      {
        field: 'If-Match',
        rule: 'current_revision',
        message: `must be "${error.actual}", the account's revision`,
      },
    ]);
  }
  if (error instanceof WrongExpectedVersionError) {
    return problem(
      409,
      'concurrent-change',
      `${error.message}: someone else changed the account; re-read and retry`,
    );
  }
  if (error instanceof AuthenticationRequiredError) {
    return problem(401, 'authentication-required', error.message, [], { 'WWW-Authenticate': 'Bearer' });
  }
  if (error instanceof RoleForbiddenError) return problem(403, 'role-forbidden', error.message);
  if (error instanceof IdempotencyKeyReusedError) {
    return problem(422, 'idempotency-key-reused', error.message, [
      { field: 'Idempotency-Key', rule: 'same_request', message: 'was used for a different request' },
    ]);
  }
  if (error instanceof IdempotencyKeyInFlightError)
    return problem(409, 'idempotency-key-in-flight', error.message);
  if (error instanceof EvaluationRequestError) {
    return problem(400, 'invalid-request', error.message, [
      { field: error.field, rule: error.rule, message: error.message },
    ]);
  }
  if (error instanceof EvaluationRunNotFoundError) return problem(404, 'not-found', error.message);
  if (error instanceof WaitForPositionTimeoutError) return problem(504, 'read-model-timeout', error.message);
  if (error instanceof UnknownProjectionError) return problem(404, 'unknown-projection', error.message);
  if (error instanceof ProjectionLockedError) return problem(409, 'projection-busy', error.message);
  if (error instanceof ProjectionFailedError) return problem(500, 'projection-failed', error.message);
  if (error instanceof ResourceNotFoundError) return problem(404, 'not-found', error.message);
  if (error instanceof NotReadyError) return problem(503, 'not-ready', error.message, error.down);
  if (error instanceof EventStoreUnavailableError)
    return problem(503, 'event-store-unavailable', error.message);
  if (error instanceof QueueUnreachableError) return problem(503, 'queue-unavailable', error.message);
  if (error instanceof HttpException) return fromHttpException(error);
  return problem(
    500,
    'internal-error',
    'The server failed to answer; the error is in its log with this correlation id',
  );
};
