import { RequestValidationError } from './api-errors.js';
import { parseIfMatch } from './command-origin.decorator.js';

describe('parseIfMatch', () => {
  it('reads the revision of a strong or weak ETag; * and absence set no condition', () => {
    expect(parseIfMatch('"3"')).toBe(3n);
    expect(parseIfMatch('W/"12"')).toBe(12n);
    expect(parseIfMatch(' "0" ')).toBe(0n);
    expect(parseIfMatch('*')).toBeUndefined();
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it('refuses anything else as a field error of If-Match', () => {
    for (const value of ['3', '"-1"', '"3", "4"', '"abc"', '']) {
      expect(() => parseIfMatch(value)).toThrow(RequestValidationError);
    }
  });
});
