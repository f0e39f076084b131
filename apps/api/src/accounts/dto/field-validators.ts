import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isDecimalString, isKnownCurrency, parseIsoInstant, toScaled } from '@kam/domain';

/** An ISO-8601 date or a date-time with an offset, and a real calendar date (the domain's reading). */
export const IsIsoInstant = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'iso8601',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseIsoInstant(value) !== null,
        defaultMessage: () => 'must be an ISO-8601 date or a date-time with an offset',
      },
    },
    options,
  );

/** Money amounts are decimal strings, never JSON numbers: a float cannot hold 0.10 exactly. */
export const IsDecimalAmount = (sign: 'positive' | 'any', options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: sign === 'positive' ? 'positive_decimal' : 'decimal',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && isDecimalString(value) && (sign === 'any' || toScaled(value) > 0n),
        defaultMessage: () =>
          sign === 'positive'
            ? 'must be a decimal string above zero, such as "1200.50"'
            : 'must be a decimal string, such as "300.00" or "-12.5"',
      },
    },
    options,
  );

export const IsCurrencyCode = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'iso4217',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isKnownCurrency(value),
        defaultMessage: () => 'must be a known ISO 4217 currency code, such as "CNY"',
      },
    },
    options,
  );
