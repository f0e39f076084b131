import {
  compareAmounts,
  isDecimalString,
  isKnownCurrency,
  minorUnits,
  toScaled,
  type Money,
} from '../../shared/money.js';
import { DomainError } from '../domain-error.js';
import { isRecord, violation, type Violations } from './field-checks.js';

export type AmountSign = 'positive' | 'any';

const decimalPlaces = (amount: string): number => amount.split('.')[1]?.length ?? 0;

const currencyChecks = (field: string, currency: unknown): Violations =>
  typeof currency === 'string' && isKnownCurrency(currency)
    ? []
    : violation(`${field}.currency`, 'iso4217', 'must be a known ISO 4217 currency code');

const amountChecks = (field: string, amount: unknown, sign: AmountSign): Violations => {
  if (
    sign === 'positive' &&
    !(typeof amount === 'string' && isDecimalString(amount) && toScaled(amount) > 0n)
  ) {
    return violation(`${field}.amount`, 'positive_decimal', 'must be a decimal string above zero');
  }
  return typeof amount === 'string' && isDecimalString(amount)
    ? []
    : violation(`${field}.amount`, 'decimal', 'must be a decimal string');
};

const minorUnitChecks = (field: string, amount: string, currency: string): Violations =>
  decimalPlaces(amount) > minorUnits(currency)
    ? violation(`${field}.amount`, 'minor_units', `${currency} allows ${minorUnits(currency)} decimal places`)
    : [];

/** Money as a decimal string with an ISO 4217 currency and no more decimals than that currency has. */
export const moneyChecks = (field: string, value: unknown, sign: AmountSign): Violations => {
  if (!isRecord(value)) return violation(field, 'required', 'must be an amount with a currency');
  const found = [...amountChecks(field, value.amount, sign), ...currencyChecks(field, value.currency)];
  if (found.length > 0) return found;
  return minorUnitChecks(field, value.amount as string, value.currency as string);
};

export const isValidMoney = (value: unknown): value is Money =>
  isRecord(value) && moneyChecks('', value, 'any').length === 0;

/** Only the two fields money has: callers' extra keys never reach an event. */
export const exactMoney = (money: Money): Money => ({ amount: money.amount, currency: money.currency });

/** An order's gross profit may be a loss, but it cannot be more than what was sold. */
export const grossProfitChecks = (amount: unknown, grossProfit: unknown): Violations =>
  isValidMoney(amount) &&
  moneyChecks('amount', amount, 'positive').length === 0 &&
  isValidMoney(grossProfit) &&
  amount.currency === grossProfit.currency &&
  compareAmounts(grossProfit.amount, amount.amount) > 0
    ? violation('grossProfit.amount', 'not_above_amount', 'cannot exceed the order amount')
    : [];

export const sameCurrency = (field: string, expected: Money, actual: Money): DomainError | null =>
  expected.currency === actual.currency
    ? null
    : new DomainError(
        'currency_mismatch',
        `${field} is in ${actual.currency}, expected ${expected.currency}`,
        [{ field, rule: 'same_currency', message: `must be ${expected.currency}` }],
      );
