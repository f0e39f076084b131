import { fromScaled, toScaled, compareAmounts, isDecimalString } from './money.js';

describe('money', () => {
  it('keeps decimal strings exact through scaled integers', () => {
    expect(fromScaled(toScaled('1200.50') + toScaled('0.1'))).toBe('1200.6');
    expect(fromScaled(toScaled('-3.25'))).toBe('-3.25');
    expect(compareAmounts('300.00', '1200.5')).toBe(-1);
  });
  it('refuses floats written in exponent form and stray characters', () => {
    expect(isDecimalString('1e5')).toBe(false);
    expect(isDecimalString('12.34567')).toBe(false);
    expect(isDecimalString('007')).toBe(false);
  });
});
