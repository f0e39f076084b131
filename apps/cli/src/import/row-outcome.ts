import { DomainError, type DomainErrorCode, type FieldViolation } from '@kam/domain';
import type { CsvRow } from './import-kinds.js';

export type RowError = Readonly<{ line: number; field: string; rule: string; message: string }>;

export type RowOutcome =
  | Readonly<{ kind: 'accepted' }>
  | Readonly<{ kind: 'duplicate' }>
  | Readonly<{ kind: 'rejected'; errors: readonly FieldViolation[] }>;

export const ACCEPTED: RowOutcome = { kind: 'accepted' };
export const DUPLICATE: RowOutcome = { kind: 'duplicate' };

export const rejected = (field: string, rule: string, message: string): RowOutcome => ({
  kind: 'rejected',
  errors: [{ field, rule, message }],
});

/** The column a rule without field violations is about. */
const FIELD_OF_CODE: Partial<Readonly<Record<DomainErrorCode, string>>> = {
  account_not_registered: 'accountId',
  account_already_registered: 'accountId',
  unknown_invoice: 'invoiceId',
  duplicate_invoice: 'invoiceId',
  currency_mismatch: 'currency',
};

/** Money is flat in the file, as on the wire; the domain names the nested fields. */
const MONEY_COLUMNS: Readonly<Record<string, string>> = {
  'amount.amount': 'amount',
  'amount.currency': 'currency',
  'grossProfit.amount': 'grossProfit',
  'grossProfit.currency': 'currency',
};

/** A domain refusal, named by the file's own columns (`renames` maps command fields to them). */
export const rejectedBy = (
  error: DomainError,
  renames: Readonly<Record<string, string>> = {},
): RowOutcome => {
  const column = (field: string): string => renames[field] ?? MONEY_COLUMNS[field] ?? field;
  if (error.violations.length === 0) {
    return rejected(FIELD_OF_CODE[error.code] ?? 'row', error.code, error.message);
  }
  // Two command fields can share a column (both amounts' currency): report each column and rule once.
  const byColumn = new Map(
    error.violations.map((violation) => {
      const field = column(violation.field);
      return [`${field}\u0000${violation.rule}`, { ...violation, field }] as const;
    }),
  );
  return { kind: 'rejected', errors: [...byColumn.values()] };
};

export const errorsOf = (row: CsvRow, outcome: RowOutcome): readonly RowError[] =>
  outcome.kind === 'rejected' ? outcome.errors.map((error) => ({ line: row.line, ...error })) : [];

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
