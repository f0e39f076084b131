import type { Money } from '../../shared/money.js';
import { accountSpec, command, event, NOW, registered } from '../../testing/account-fixtures.js';
import type { SalesChannel } from '../vocabulary.js';

const cny = (amount: string): Money => ({ amount, currency: 'CNY' });
const order = (extra: Partial<Parameters<typeof command<'RecordOrder'>>[1]> = {}) =>
  command('RecordOrder', { orderId: 'o-1', amount: cny('1200.50'), grossProfit: cny('300.00'), ...extra });
const recorded = (channel: SalesChannel = 'direct') =>
  event('OrderRecorded', { orderId: 'o-1', amount: cny('1200.50'), grossProfit: cny('300.00'), channel });
const churned = () =>
  event('LifecycleStageChanged', { from: 'acquisition', to: 'churn', override: true, reason: 'lost' });

describe('RecordOrder', () => {
  it('records an order, sold direct unless a channel is named', () => {
    accountSpec.given([registered()]).when(order()).then([recorded()]);
    accountSpec
      .given([registered()])
      .when(order({ channel: 'sub_distribution' }))
      .then([recorded('sub_distribution')]);
  });

  it('records nothing for an order id it already has', () => {
    accountSpec
      .given([registered(), recorded()])
      .when(order({ amount: cny('9999') }))
      .thenNothing();
  });

  it('still records an order from a churned account: winning it back is a separate command', () => {
    accountSpec.given([registered(), churned()]).when(order()).then([recorded()]);
  });

  it('accepts a loss and a gross profit equal to the amount', () => {
    accountSpec
      .given([registered()])
      .when(order({ grossProfit: cny('-20.5') }))
      .then([
        event('OrderRecorded', {
          orderId: 'o-1',
          amount: cny('1200.50'),
          grossProfit: cny('-20.5'),
          channel: 'direct',
        }),
      ]);
    accountSpec
      .given([registered()])
      .when(order({ grossProfit: cny('1200.5') }))
      .then([
        event('OrderRecorded', {
          orderId: 'o-1',
          amount: cny('1200.50'),
          grossProfit: cny('1200.5'),
          channel: 'direct',
        }),
      ]);
  });

  it.each(['0', '0.00', '-5', '1e3', 'abc', ''])(
    'refuses amount %p: it must be a positive decimal',
    (amount) => {
      accountSpec
        .given([registered()])
        .when(order({ amount: cny(amount), grossProfit: cny('0') }))
        .thenThrows('invalid_field', [{ field: 'amount.amount', rule: 'positive_decimal' }]);
    },
  );

  it('refuses floats, unknown currencies and more decimals than the currency has', () => {
    const float = { amount: 12.5, currency: 'CNY' } as unknown as Money;
    accountSpec
      .given([registered()])
      .when(order({ amount: float }))
      .thenThrows('invalid_field', [{ field: 'amount.amount', rule: 'positive_decimal' }]);
    accountSpec
      .given([registered()])
      .when(
        order({ amount: { amount: '10', currency: 'XYZ' }, grossProfit: { amount: '1', currency: 'XYZ' } }),
      )
      .thenThrows('invalid_field', [
        { field: 'amount.currency', rule: 'iso4217' },
        { field: 'grossProfit.currency', rule: 'iso4217' },
      ]);
    accountSpec
      .given([registered()])
      .when(
        order({
          amount: { amount: '100.5', currency: 'JPY' },
          grossProfit: { amount: '10', currency: 'JPY' },
        }),
      )
      .thenThrows('invalid_field', [{ field: 'amount.amount', rule: 'minor_units' }]);
  });

  it('refuses a gross profit above the amount', () => {
    accountSpec
      .given([registered()])
      .when(order({ grossProfit: cny('1200.51') }))
      .thenThrows('invalid_field', [{ field: 'grossProfit.amount', rule: 'not_above_amount' }]);
  });

  it('refuses a gross profit in another currency than the amount', () => {
    accountSpec
      .given([registered()])
      .when(order({ grossProfit: { amount: '3', currency: 'USD' } }))
      .thenThrows('currency_mismatch', [{ field: 'grossProfit.currency', rule: 'same_currency' }]);
  });

  it('reports every violation of the command at once', () => {
    accountSpec
      .given([registered()])
      .when(
        order({
          orderId: ' ',
          amount: cny('-1'),
          grossProfit: undefined as unknown as Money,
          channel: 'door_to_door' as SalesChannel,
          occurredAt: '2026-03-01T12:05:01Z',
        }),
      )
      .thenThrows('invalid_field', [
        { field: 'orderId', rule: 'required' },
        { field: 'amount.amount', rule: 'positive_decimal' },
        { field: 'grossProfit', rule: 'required' },
        { field: 'channel', rule: 'one_of' },
        { field: 'occurredAt', rule: 'not_in_future' },
      ]);
  });

  it('takes an order up to five minutes ahead of the sender clock, for clock drift', () => {
    const at = '2026-03-01T12:05:00Z';
    expect(NOW).toBe('2026-03-01T12:00:00Z');
    accountSpec
      .given([registered()])
      .when(order({ occurredAt: at }))
      .then([event('OrderRecorded', { ...recorded().data, occurredAt: at })]);
  });

  it('refuses an order addressed to another account than the stream', () => {
    accountSpec
      .given([registered()])
      .when(order({ accountId: 'someone-else' }))
      .thenThrows('invalid_field', [{ field: 'accountId', rule: 'matches_account' }]);
  });
});
