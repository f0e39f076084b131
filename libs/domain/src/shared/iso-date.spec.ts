import { isIsoDateOrDateTime, laterInstant, parseIsoInstant, wholeDaysBetween } from './iso-date.js';

describe('ISO-8601 dates', () => {
  it.each([
    '2026-01-15',
    '2024-02-29',
    '2026-01-15T08:30:00Z',
    '2026-01-15T08:30Z',
    '2026-01-15T08:30:00.123+08:00',
  ])('accepts %s', (text) => expect(isIsoDateOrDateTime(text)).toBe(true));

  it.each([
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-01-15T08:30:00',
    '2026-01-15T24:00:00Z',
    '15/01/2026',
    '',
    '1768435200000',
  ])('refuses %s', (text) => expect(isIsoDateOrDateTime(text)).toBe(false));

  it('reads a date as midnight UTC and honours offsets', () => {
    expect(parseIsoInstant('2026-01-15')).toBe(Date.UTC(2026, 0, 15));
    expect(parseIsoInstant('2026-01-15T08:00:00+08:00')).toBe(Date.UTC(2026, 0, 15));
  });

  it('counts whole days, truncating partial ones', () => {
    expect(wholeDaysBetween('2026-02-10', '2026-02-27T09:00:00Z')).toBe(17);
    expect(wholeDaysBetween('2026-02-10', '2026-02-10T23:59:59Z')).toBe(0);
    expect(wholeDaysBetween('2026-02-10', '2026-02-01')).toBe(-9);
    expect(() => wholeDaysBetween('2026-02-10', 'soon')).toThrow(/soon/);
  });

  it('picks the later instant whatever the notation', () => {
    expect(laterInstant(null, '2026-01-01')).toBe('2026-01-01');
    expect(laterInstant('2026-01-02', '2026-01-01T23:00:00Z')).toBe('2026-01-02');
    expect(laterInstant('2026-01-02', '2026-01-02T01:00:00+00:00')).toBe('2026-01-02T01:00:00+00:00');
  });
});
