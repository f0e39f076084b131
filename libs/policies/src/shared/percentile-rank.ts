/**
 * Percentile rank within a population: 100 × (values at or below v − 1) / (n − 1).
 * The best value gets 100 and the worst 0; equal values share the better rank (so [10, 20, 20]
 * ranks 0, 100, 100); a population of one ranks its value at 100. O(n log n) to build, O(log n)
 * per look-up.
 */
export const percentileRanker = (population: readonly number[]): ((value: number) => number) => {
  const sorted = Float64Array.from(population).sort();
  const n = sorted.length;
  return (value: number): number => {
    if (n === 0) return 0;
    if (n === 1) return 100;
    return Math.max(0, (100 * (countAtOrBelow(sorted, value) - 1)) / (n - 1));
  };
};

const countAtOrBelow = (sorted: Float64Array, value: number): number => {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) <= value) low = middle + 1;
    else high = middle;
  }
  return low;
};
