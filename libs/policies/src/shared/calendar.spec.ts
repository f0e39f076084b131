import { addMonths, lastCompleteQuarter, monthOfKey, quarterLabel, quarterStart } from './calendar.js';

describe('calendar arithmetic', () => {
  it('numbers months so that a window is an integer range', () => {
    // 2026 x 12 + 3 - 1 = 24314; December 2025 is 24311, three months earlier.
    expect(monthOfKey('2026-03')).toBe(24314);
    expect(monthOfKey('2025-12')).toBe(24311);
  });

  it('counts the quarter holding as-of only when as-of is its last day', () => {
    // Quarter numbers: 2026-Q1 = 2026 x 4 = 8104.
    expect(quarterLabel(lastCompleteQuarter(new Date('2026-03-31T00:00:00Z')))).toBe('2026-Q1');
    expect(quarterLabel(lastCompleteQuarter(new Date('2026-03-30T23:59:59Z')))).toBe('2025-Q4');
    expect(quarterLabel(lastCompleteQuarter(new Date('2026-05-15T00:00:00Z')))).toBe('2026-Q1');
    expect(quarterStart(8104).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('moves by calendar months, keeping the time of day', () => {
    expect(addMonths(new Date('2026-03-31T23:59:59Z'), -12).toISOString()).toBe('2025-03-31T23:59:59.000Z');
  });
});
