import type { FieldViolation } from '@kam/domain';

/**
 * Errors raised at the HTTP edge, before any command runs. Each carries what the problem document
 * needs; the status for each class is decided in one place (problem-mapping.ts).
 */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';
  constructor(readonly violations: readonly FieldViolation[]) {
    super(`Invalid request: ${violations.map((v) => `${v.field} (${v.rule})`).join(', ')}`);
  }
}

export class AuthenticationRequiredError extends Error {
  override readonly name = 'AuthenticationRequiredError';
}

export class RoleForbiddenError extends Error {
  override readonly name = 'RoleForbiddenError';
  constructor(
    readonly actor: string,
    readonly required: string,
  ) {
    super(`The key "${actor}" lacks the ${required} role this request needs`);
  }
}

/** The same Idempotency-Key came back with a different request. */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor(readonly key: string) {
    super(
      `Idempotency-Key "${key}" was already used for a different request; use a new key for a new request`,
    );
  }
}

/** A retry arrived while the first request with the same key is still running. */
export class IdempotencyKeyInFlightError extends Error {
  override readonly name = 'IdempotencyKeyInFlightError';
  constructor(readonly key: string) {
    super(`A request with Idempotency-Key "${key}" is still running; retry when it has answered`);
  }
}

/** A resource the read models do not hold (an account never registered, a run that never ran). */
export class ResourceNotFoundError extends Error {
  override readonly name = 'ResourceNotFoundError';
}

/** `/ready`: a dependency this process needs is down. */
export class NotReadyError extends Error {
  override readonly name = 'NotReadyError';
  constructor(readonly down: readonly FieldViolation[]) {
    super(`Not ready: ${down.map((d) => `${d.field} (${d.message})`).join(', ')}`);
  }
}
