import { fmt } from './numbers.js';

describe('fmt prints what toFixed prints', () => {
  it('for every whole number of hundredths from -1000.00 to 1000.00', () => {
    const differing: number[] = [];
    for (let hundredths = -100_000; hundredths <= 100_000; hundredths += 1) {
      const value = hundredths / 100;
      if (fmt(value) !== value.toFixed(2)) differing.push(value);
    }
    expect(differing).toEqual([]);
  });

  it('for values between hundredths, halves that are not exact in binary, and the edges', () => {
    const values = [0, -0, 0.005, 1.005, 2.675, -0.001, -2.5, 0.1 + 0.2, 1e13, 1e13 + 0.01, 1e15, 2 ** 53];
    const extremes = [1e21, -1e21, Number.MAX_VALUE, Infinity, -Infinity, NaN];
    for (const value of [...values, ...extremes, 123.456789, 98765.4321]) {
      expect(fmt(value)).toBe(value.toFixed(2));
    }
  });

  it('passes other digit counts to toFixed', () => {
    expect(fmt(12.5, 1)).toBe('12.5');
    expect(fmt(1 / 3, 4)).toBe('0.3333');
  });
});
