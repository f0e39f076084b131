import { fmt } from '../../shared/numbers.js';

export type Trend = 'declining' | 'rising' | 'stable' | 'none';

/**
 * The trend of the latest complete quarters. Declining: the quarter `falls` quarters back had
 * revenue and each quarter since is lower by more than the tolerance, or has none (silence is not
 * stability). Rising: the latest quarter beats the one before by more than the tolerance (a first
 * order after an empty quarter is a rise). Stable: within the tolerance of a quarter with revenue.
 */
export const revenueTrend = (revenue: readonly number[], tolerance: number, falls: number): Trend => {
  const last = revenue[revenue.length - 1] ?? 0;
  const previous = revenue[revenue.length - 2] ?? 0;
  if (isDeclining(revenue, tolerance, falls)) return 'declining';
  if (last > 0 && last > previous * (1 + tolerance)) return 'rising';
  if (previous > 0 && Math.abs(last - previous) <= previous * tolerance) return 'stable';
  return 'none';
};

const isDeclining = (revenue: readonly number[], tolerance: number, falls: number): boolean => {
  const start = revenue.length - 1 - falls;
  if (start < 0 || (revenue[start] ?? 0) <= 0) return false;
  for (let i = start + 1; i < revenue.length; i += 1) {
    const current = revenue[i] ?? 0;
    const before = revenue[i - 1] ?? 0;
    if (current !== 0 && current >= before * (1 - tolerance)) return false;
  }
  return true;
};

export const trendText = (labels: readonly string[], revenue: readonly number[], shown: number): string => {
  // Joined by hand: it runs for every account an evaluation explains.
  let text = '';
  for (let i = Math.max(0, revenue.length - shown); i < revenue.length; i += 1) {
    text += `${text === '' ? '' : ', '}${labels[i] ?? '?'} ${fmt(revenue[i] ?? 0)}`;
  }
  return text;
};
