import { parseIsoInstant } from '../../shared/iso-date.js';
import { DomainError, type FieldViolation } from '../domain-error.js';

/**
 * Field checks take `unknown`: commands reach the decider from HTTP, CSV and queues, and the domain
 * must hold its rules even when an edge forgot one. Each check returns every violation it finds so a
 * command's violations are reported together, not one per attempt.
 */
export type Violations = readonly FieldViolation[];

const VALID: Violations = [];

export const violation = (field: string, rule: string, message: string): Violations => [
  { field, rule, message },
];

const isAbsent = (value: unknown): boolean => value === undefined || value === null;

export const isNonEmptyText = (value: unknown): value is string =>
  typeof value === 'string' && value.trim().length > 0;

export const requiredText = (field: string, value: unknown): Violations =>
  isNonEmptyText(value) ? VALID : violation(field, 'required', 'must be a non-empty string');

export const optionalText = (field: string, value: unknown): Violations =>
  isAbsent(value) ? VALID : requiredText(field, value);

export const optionalBoolean = (field: string, value: unknown): Violations =>
  isAbsent(value) || typeof value === 'boolean'
    ? VALID
    : violation(field, 'boolean', 'must be true or false');

export const oneOf = (field: string, value: unknown, allowed: readonly string[]): Violations =>
  typeof value === 'string' && allowed.includes(value)
    ? VALID
    : violation(field, 'one_of', `must be one of: ${allowed.join(', ')}`);

export const optionalOneOf = (field: string, value: unknown, allowed: readonly string[]): Violations =>
  isAbsent(value) ? VALID : oneOf(field, value, allowed);

export const isoDate = (field: string, value: unknown): Violations =>
  typeof value === 'string' && parseIsoInstant(value) !== null
    ? VALID
    : violation(field, 'iso8601', 'must be an ISO-8601 date or a date-time with an offset');

export const optionalIsoDate = (field: string, value: unknown): Violations =>
  isAbsent(value) ? VALID : isoDate(field, value);

export const integerInRange = (field: string, value: unknown, min: number, max: number): Violations =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max
    ? VALID
    : violation(field, `range_${min}_${max}`, `must be a whole number from ${min} to ${max}`);

export const optionalNonNegativeInteger = (field: string, value: unknown): Violations =>
  isAbsent(value) || (Number.isInteger(value) && (value as number) >= 0)
    ? VALID
    : violation(field, 'non_negative_integer', 'must be a whole number, zero or more');

export const finiteNumber = (field: string, value: unknown): Violations =>
  typeof value === 'number' && Number.isFinite(value)
    ? VALID
    : violation(field, 'number', 'must be a finite number');

export const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A list of non-empty strings; each bad item is named by its index. The names are built only for a
 * list that has a bad item: an evaluation run checks some 400,000 reasons, all of them fine.
 */
export const textList = (field: string, value: unknown): Violations => {
  if (!Array.isArray(value)) return violation(field, 'list', 'must be a list of strings');
  return value.every(isNonEmptyText)
    ? VALID
    : value.flatMap((item, index) => requiredText(`${field}[${index}]`, item));
};

export const optionalTextList = (field: string, value: unknown): Violations =>
  isAbsent(value) ? VALID : textList(field, value);

const isFiniteNumber = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);

/** Every numeric value of a map, named by its key (only when one is bad, as for textList). */
export const numberMap = (field: string, value: unknown): Violations => {
  if (!isRecord(value)) return violation(field, 'object', 'must be an object of numbers');
  return Object.values(value).every(isFiniteNumber)
    ? VALID
    : Object.entries(value).flatMap(([key, item]) => finiteNumber(`${field}.${key}`, item));
};

/** The domain error for a command with violations, or null when there are none. */
export const invalidFields = (...groups: readonly Violations[]): DomainError | null => {
  const violations = groups.flat();
  if (violations.length === 0) return null;
  const summary = violations.map((v) => `${v.field} (${v.rule})`).join(', ');
  return new DomainError('invalid_field', `Invalid fields: ${summary}`, violations);
};
