export type PoolOutcome<R> = Readonly<{ results: R[]; failure: Readonly<{ error: unknown }> | null }>;

/**
 * Runs `work` over the items with at most `concurrency` at once, so appends from many accounts
 * share the event store's group commits. On the first error it stops taking new items, waits for
 * the ones under way, and reports what finished along with the error.
 */
export const runPool = async <T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<PoolOutcome<R>> => {
  const results: R[] = [];
  const failures: { error: unknown }[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (failures.length === 0 && next < items.length) {
      const item = items[next] as T;
      next += 1;
      try {
        results.push(await work(item));
      } catch (error) {
        failures.push({ error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  return { results, failure: failures[0] ?? null };
};
