/** Pareto (ABC) over revenue: A makes the first 80%, B the next 15%, C the rest (domain method 5). */
export type Pareto = Readonly<{
  a: number;
  b: number;
  c: number;
  /** The cumulative revenue curve at each tenth of the accounts, largest first. */
  curve: readonly Readonly<{ accountsShare: number; revenueShare: number }>[];
}>;

const A_SHARE = 0.8;
const B_SHARE = 0.95;
const CURVE_POINTS = 10;

export type ParetoClass = 'A' | 'B' | 'C';

/**
 * The class of each revenue, sorted descending. An account belongs to A when the accounts before it
 * make less than 80%, so the one that crosses the line is still A. No revenue is always C.
 */
export function paretoClasses(sortedDescending: readonly number[]): ParetoClass[] {
  const total = sortedDescending.reduce((sum, revenue) => sum + Math.max(0, revenue), 0);
  let before = 0;
  return sortedDescending.map((revenue) => {
    const share = total > 0 ? before / total : 1;
    before += Math.max(0, revenue);
    if (revenue <= 0) return 'C';
    return share < A_SHARE ? 'A' : share < B_SHARE ? 'B' : 'C';
  });
}

export function pareto(revenues: readonly number[]): Pareto {
  const sorted = [...revenues].sort((x, y) => y - x);
  const classes = paretoClasses(sorted);
  const count = (wanted: ParetoClass) => classes.filter((value) => value === wanted).length;
  const total = sorted.reduce((sum, revenue) => sum + Math.max(0, revenue), 0);
  const cumulative: number[] = [];
  sorted.reduce((sum, revenue) => {
    cumulative.push(sum + Math.max(0, revenue));
    return sum + Math.max(0, revenue);
  }, 0);
  const curve =
    sorted.length === 0
      ? []
      : Array.from({ length: CURVE_POINTS }, (_, index) => {
          const accountsShare = (index + 1) / CURVE_POINTS;
          const top = Math.max(1, Math.ceil(sorted.length * accountsShare));
          const reached = cumulative[top - 1] ?? 0;
          return { accountsShare, revenueShare: total > 0 ? reached / total : 0 };
        });
  return { a: count('A'), b: count('B'), c: count('C'), curve };
}
