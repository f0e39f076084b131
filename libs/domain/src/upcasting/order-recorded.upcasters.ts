import type { EventData, UpcastStep } from './upcaster.js';

const isLegacyMoney = (value: unknown): value is Readonly<{ value: unknown; currency: unknown }> =>
  typeof value === 'object' && value !== null && 'value' in value && 'currency' in value;

/** Legacy money kept its amount in `value`, as a decimal string or a whole number of major units. */
const legacyMoney = (field: string, money: unknown) => {
  if (!isLegacyMoney(money)) throw new TypeError(`OrderRecorded v0: ${field} is not { value, currency }`);
  const { value, currency } = money;
  if (typeof value === 'string' || Number.isSafeInteger(value)) return { amount: String(value), currency };
  // A fractional float cannot be read back exactly; guessing a rounding would forge a ledger entry.
  throw new TypeError(`OrderRecorded v0: ${field}.value ${String(value)} is not an exact amount`);
};

/**
 * OrderRecorded v0, the shape of the first spreadsheet imports: money as `{ value, currency }` and
 * no sales channel. Those orders were all direct sales, which is what v1 records for them.
 */
export const orderRecordedV0ToV1: UpcastStep = (data: EventData): EventData => {
  const { amount, grossProfit, ...rest } = data;
  return {
    ...rest,
    amount: legacyMoney('amount', amount),
    grossProfit: legacyMoney('grossProfit', grossProfit),
    channel: 'direct',
  };
};
