import { trailingMonths } from './read-snapshot.js';

describe('trailingMonths', () => {
  it('spans the twelve business months that end with the month of the date, in UTC', () => {
    expect(trailingMonths('2026-03-15T10:00:00Z')).toEqual({ from: '2025-04', to: '2026-03' });
    expect(trailingMonths('2026-01-01T01:00:00+08:00')).toEqual({ from: '2025-01', to: '2025-12' });
    expect(trailingMonths('2026-12-31', 24)).toEqual({ from: '2025-01', to: '2026-12' });
  });

  it('refuses a date that is not one', () => {
    expect(() => trailingMonths('next week')).toThrow(/Not an ISO-8601/);
  });
});
