import { toScaled } from '@kam/domain';
import fc from 'fast-check';
import { amountE4, amountValue } from './amount-value.js';

describe('amounts in read models', () => {
  it('reads a decimal string into exact ten-thousandths, as the domain scales it', () => {
    expect(amountE4('1200.5')).toBe(12_005_000);
    expect(amountE4('-0.0001')).toBe(-1);
    expect(amountE4('7')).toBe(70_000);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (scaled) => {
        const text = `${scaled < 0n ? '-' : ''}${(scaled < 0n ? -scaled : scaled) / 10_000n}.${((scaled < 0n ? -scaled : scaled) % 10_000n).toString().padStart(4, '0')}`;
        expect(amountE4(text)).toBe(Number(toScaled(text)));
      }),
    );
  });

  it('refuses what is not a decimal amount instead of storing NaN', () => {
    expect(() => amountE4('1e5')).toThrow(/Not a decimal amount/);
    expect(() => amountE4('')).toThrow(/Not a decimal amount/);
    expect(() => amountValue('twelve')).toThrow(/Not a decimal amount/);
  });
});
