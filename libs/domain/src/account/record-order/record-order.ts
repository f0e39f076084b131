import type { RecordOrder } from '../account.commands.js';
import type { OrderRecorded } from '../account.events.js';
import type { RegisteredAccount } from '../account.state.js';
import type { Decision } from '../decision.js';
import { SALES_CHANNELS } from '../vocabulary.js';
import { commandChecks, factOf } from '../validation/command-checks.js';
import { invalidFields, optionalOneOf, requiredText } from '../validation/field-checks.js';
import { exactMoney, grossProfitChecks, moneyChecks, sameCurrency } from '../validation/money-checks.js';

/**
 * Orders are facts: a churned account's order is still recorded (winning it back is the caller's
 * separate WinBackAccount). A repeated order id is a retry or a re-import, so it records nothing.
 */
export const decideRecordOrder = (
  command: RecordOrder,
  state: RegisteredAccount,
): Decision<OrderRecorded> => {
  const { data } = command;
  const invalid = invalidFields(
    commandChecks(command, state),
    requiredText('orderId', data.orderId),
    moneyChecks('amount', data.amount, 'positive'),
    moneyChecks('grossProfit', data.grossProfit, 'any'),
    grossProfitChecks(data.amount, data.grossProfit),
    optionalOneOf('channel', data.channel, SALES_CHANNELS),
  );
  if (invalid) return invalid;
  const mismatch = sameCurrency('grossProfit.currency', data.amount, data.grossProfit);
  if (mismatch) return mismatch;
  if (state.orderIds.has(data.orderId)) return [];
  const order = {
    orderId: data.orderId,
    amount: exactMoney(data.amount),
    grossProfit: exactMoney(data.grossProfit),
    channel: data.channel ?? 'direct',
  };
  return [{ type: 'OrderRecorded', data: { ...factOf(command), ...order } }];
};
