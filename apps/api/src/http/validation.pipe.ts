import { ValidationPipe, type ArgumentMetadata, type Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import type { ValidationError } from 'class-validator';
import type { FieldViolation } from '@kam/domain';
import { RequestValidationError } from './api-errors.js';
import { compileDtoCheck, type DtoCheck } from './dto-check.js';

// class-validator names its rules after its decorators; the API speaks the domain's rule names.
const RULE_NAMES: Readonly<Record<string, string>> = {
  whitelistValidation: 'unknown_field',
  isDefined: 'required',
  isNotEmpty: 'required',
  isIn: 'one_of',
  isEnum: 'one_of',
  isIso8601: 'iso8601',
  isInt: 'integer',
  nestedValidation: 'object',
};

const ruleName = (constraint: string): string =>
  RULE_NAMES[constraint] ??
  constraint
    .replace(/^is(?=[A-Z])/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();

/** Flattens class-validator's tree into one violation per field and broken rule. */
export const toViolations = (errors: readonly ValidationError[], parent = ''): FieldViolation[] =>
  errors.flatMap((error) => {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      rule: ruleName(constraint),
      message: constraint === 'whitelistValidation' ? 'is not a field of this request' : message,
    }));
    return [...own, ...toViolations(error.children ?? [], field)];
  });

const isPlainObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isEmptyObject = (value: unknown): boolean =>
  isPlainObject(value) && Object.keys(value as object).length === 0;

/** A JSON object of strings, numbers, booleans and nulls: nothing for Nest's pipe to close or strip. */
const isFlatObject = (value: unknown): value is object =>
  isPlainObject(value) &&
  Object.values(value as object).every((field) => field === null || typeof field !== 'object');

/**
 * Unknown fields are refused rather than dropped: a misspelt optional field would otherwise vanish
 * without a word and the caller would believe it was recorded.
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new RequestValidationError(toViolations(errors)),
    });
  }

  /**
   * Query DTOs whose empty instance passes validation. Most reads come without a query string, and
   * transforming and validating `{}` again each time cost GET /accounts/{id} ~25 µs a request.
   */
  private readonly emptyQueryAccepted = new Map<Type, boolean>();

  /** Per body DTO, its compiled check (null: class-validator alone). */
  private readonly bodyChecks = new Map<Type, DtoCheck | null>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    if (metadata.type === 'body' && metatype !== undefined && !isPlainObject(value)) {
      throw new RequestValidationError([{ field: 'body', rule: 'object', message: 'must be a JSON object' }]);
    }
    if (metadata.type === 'body' && metatype !== undefined && isFlatObject(value)) {
      const valid = this.validBody(metatype, value);
      if (valid !== null) return valid;
    }
    if (metadata.type !== 'query' || metatype === undefined || !isEmptyObject(value))
      return super.transform(value, metadata);
    const accepted = this.emptyQueryAccepted.get(metatype);
    if (accepted === true) return new metatype() as unknown;
    if (accepted === false) return super.transform(value, metadata);
    try {
      const result = await super.transform(value, metadata);
      this.emptyQueryAccepted.set(metatype, result instanceof metatype);
      return result;
    } catch (error) {
      this.emptyQueryAccepted.set(metatype, false);
      throw error;
    }
  }

  /**
   * The instance Nest's pipe would return for a body every rule accepts, without class-validator's
   * general executor; null when a rule objects or the DTO is not covered (the pipe then answers).
   */
  private validBody(metatype: Type, value: object): object | null {
    let check = this.bodyChecks.get(metatype);
    if (check === undefined) {
      check = compileDtoCheck(metatype);
      this.bodyChecks.set(metatype, check);
    }
    if (check === null) return null;
    const entity = plainToInstance(metatype, value, this.transformOptions) as object;
    return entity.constructor === metatype && check(entity) ? entity : null;
  }
}
