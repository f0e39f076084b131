import { waitForPosition, type ReadModels } from '@kam/projections';

export const DEFAULT_WAIT_MS = 5_000;
export const MAX_WAIT_MS = 30_000;

/**
 * Read your own writes: with `after` (the position a command answered), wait until every read model
 * has folded it in, up to the timeout; a WaitForPositionTimeoutError becomes a 504 problem.
 */
export const readAfter = async (
  readModels: ReadModels,
  after: string | undefined,
  timeoutMs: number | undefined,
): Promise<void> => {
  if (after === undefined) return;
  await waitForPosition(readModels.db, BigInt(after), { timeoutMs: timeoutMs ?? DEFAULT_WAIT_MS });
};
