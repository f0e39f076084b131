import { isIsoDateOrDateTime } from '@kam/domain';
import { ReplayRequestError } from './replay.errors.js';

export type Cadence = 'month' | 'quarter';

const monthEnd = (year: number, month: number): Date => new Date(Date.UTC(year, month + 1, 1) - 1);

const parseBound = (field: 'from' | 'to', value: string, endOfDay: boolean): Date => {
  if (!isIsoDateOrDateTime(value)) {
    throw new ReplayRequestError(
      field,
      'iso_date',
      `--${field} must be an ISO date such as 2025-03-31 (got "${value}")`,
    );
  }
  const date = new Date(value);
  if (endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(value)) date.setUTCHours(23, 59, 59, 999);
  return date;
};

/**
 * The evaluation dates of a replay: the close (last millisecond) of every month, or every quarter,
 * that ends within [from, to]. The same instants the demo's quarter-end runs are recorded at, so a
 * replay lines up with them.
 */
export const replayDates = (from: string, to: string, every: Cadence): string[] => {
  const start = parseBound('from', from, false);
  const end = parseBound('to', to, true);
  if (start.getTime() > end.getTime()) {
    throw new ReplayRequestError(
      'from',
      'before_to',
      `--from ${from} is after --to ${to}: nothing to replay`,
    );
  }
  const dates: string[] = [];
  for (let y = start.getUTCFullYear(), m = start.getUTCMonth(); ; m += 1) {
    const close = monthEnd(y, m);
    if (close.getTime() > end.getTime()) break;
    const quarterClose = close.getUTCMonth() % 3 === 2;
    if (close.getTime() >= start.getTime() && (every === 'month' || quarterClose))
      dates.push(close.toISOString());
  }
  if (dates.length === 0) {
    throw new ReplayRequestError(
      'to',
      'span',
      `no ${every} closes between ${from} and ${to}: widen the span`,
    );
  }
  return dates;
};
