import { ACCOUNT_EVENT_SCHEMA_VERSIONS } from '../account/account.events.js';
import { upcast } from './account-upcaster.js';
import { createUpcaster, UpcastError, type UpcasterRegistry } from './upcaster.js';

type Greeted = { type: 'Greeted'; data: { text: string; loud: boolean; lang: string } };

// A test-local history of three versions: v1 {message}, v2 {text}, v3 {text, loud, lang}.
const registry: UpcasterRegistry<'Greeted'> = {
  currentVersions: { Greeted: 3 },
  steps: {
    Greeted: {
      1: ({ message, ...rest }) => ({ ...rest, text: message }),
      2: (data) => ({ ...data, loud: false, lang: 'en' }),
    },
  },
};
const upcastGreeting = createUpcaster<Greeted>(registry);

describe('createUpcaster', () => {
  it('steps an old event through every version up to the current shape', () => {
    expect(upcastGreeting('Greeted', 1, { message: 'ni hao' })).toEqual({
      type: 'Greeted',
      data: { text: 'ni hao', loud: false, lang: 'en' },
    });
    expect(upcastGreeting('Greeted', 2, { text: 'hi' }).data).toEqual({
      text: 'hi',
      loud: false,
      lang: 'en',
    });
  });

  it('leaves an event of the current version as it is', () => {
    const data = { text: 'hi', loud: true, lang: 'zh' };
    expect(upcastGreeting('Greeted', 3, data)).toEqual({ type: 'Greeted', data });
  });

  it('refuses unknown types, newer versions, missing steps and data that is not an object', () => {
    expect(() => upcastGreeting('Waved', 1, {})).toThrow(new UpcastError('Unknown event type "Waved"'));
    expect(() => upcastGreeting('Greeted', 4, {})).toThrow(
      /version 4, newer than version 3 this build knows/,
    );
    expect(() => upcastGreeting('Greeted', 0, {})).toThrow(
      /No upcaster reads Greeted version 0 into version 1/,
    );
    expect(() => upcastGreeting('Greeted', 1.5, {})).toThrow(/whole numbers/);
    expect(() => upcastGreeting('Greeted', 3, 'hi')).toThrow(/must be an object/);
  });
});

describe('upcast (account events)', () => {
  const accountId = 'acc-1';
  const occurredAt = '2020-05-01';

  it('reads the legacy OrderRecorded v0 (money as {value, currency}, no channel) as a direct sale', () => {
    const legacy = {
      accountId,
      occurredAt,
      orderId: 'o-1',
      amount: { value: '1200.50', currency: 'CNY' },
      grossProfit: { value: 300, currency: 'CNY' },
    };
    expect(upcast('OrderRecorded', 0, legacy)).toEqual({
      type: 'OrderRecorded',
      data: {
        accountId,
        occurredAt,
        orderId: 'o-1',
        amount: { amount: '1200.50', currency: 'CNY' },
        grossProfit: { amount: '300', currency: 'CNY' },
        channel: 'direct',
      },
    });
  });

  it('refuses a legacy float amount rather than guess its rounding', () => {
    const legacy = {
      accountId,
      occurredAt,
      orderId: 'o-1',
      amount: { value: 0.1, currency: 'CNY' },
      grossProfit: { value: 0, currency: 'CNY' },
    };
    expect(() => upcast('OrderRecorded', 0, legacy)).toThrow(/amount.value 0.1 is not an exact amount/);
  });

  it('reads every current account event unchanged', () => {
    const data = { accountId, occurredAt, reason: 'ordered again', from: 'churn', to: 'acquisition' };
    expect(upcast('AccountWonBack', ACCOUNT_EVENT_SCHEMA_VERSIONS.AccountWonBack, data)).toEqual({
      type: 'AccountWonBack',
      data,
    });
  });

  it('refuses an account event from a newer build', () => {
    expect(() => upcast('OrderRecorded', ACCOUNT_EVENT_SCHEMA_VERSIONS.OrderRecorded + 1, {})).toThrow(
      UpcastError,
    );
  });
});
