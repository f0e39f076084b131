import { replayDates } from './replay-dates.js';
import { ReplayRequestError } from './replay.errors.js';

describe('replay dates', () => {
  it('takes the last millisecond of every month that closes within the span', () => {
    expect(replayDates('2024-01-15', '2024-03-31', 'month')).toEqual([
      '2024-01-31T23:59:59.999Z',
      '2024-02-29T23:59:59.999Z',
      '2024-03-31T23:59:59.999Z',
    ]);
  });

  it('takes only quarter closes with --every quarter, across a year end', () => {
    expect(replayDates('2024-11-01', '2025-06-30', 'quarter')).toEqual([
      '2024-12-31T23:59:59.999Z',
      '2025-03-31T23:59:59.999Z',
      '2025-06-30T23:59:59.999Z',
    ]);
  });

  it('gives 24 monthly dates over two years', () => {
    expect(replayDates('2024-01-01', '2025-12-31', 'month')).toHaveLength(24);
  });

  it.each([
    ['2025-03-01', '2025-01-01', /after --to/],
    ['2025-03-01', '2025-03-30', /no month closes/],
    ['2025-02-30', '2025-03-31', /--from must be an ISO date/],
  ])('refuses --from %s --to %s', (from, to, message) => {
    expect(() => replayDates(from, to, 'month')).toThrow(ReplayRequestError);
    expect(() => replayDates(from, to, 'month')).toThrow(message);
  });
});
