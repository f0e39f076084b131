/** Every way a command can break a rule. Mapped to HTTP statuses and CLI exit codes in one place each. */
export type DomainErrorCode =
  | 'account_not_registered'
  | 'account_already_registered'
  | 'invalid_field'
  | 'illegal_stage_transition'
  | 'override_reason_required'
  | 'unknown_invoice'
  | 'duplicate_invoice'
  | 'currency_mismatch'
  | 'unknown_activity'
  | 'member_not_assigned'
  | 'not_churned';

export type FieldViolation = Readonly<{ field: string; rule: string; message: string }>;

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly violations: readonly FieldViolation[] = [],
  ) {
    super(message);
  }
}

export const invalidField = (field: string, rule: string, message: string): DomainError =>
  new DomainError('invalid_field', `${field}: ${message}`, [{ field, rule, message }]);
