import type { TierFigures } from './evaluation-run.types.js';

type Move = Readonly<{ tier: string; previousTier: string | null; accounts: number }>;

const ZERO: TierFigures = { accounts: 0, changed: 0, entered: 0, left: 0 };

/**
 * Per tier: how many accounts the evaluation placed in it, how many of those were changed, and how
 * many moved into or out of it. Summed over tiers, `accounts` is the portfolio and `changed` the
 * run's changed count.
 */
export const buildByTier = (
  tierCounts: Readonly<Record<string, number>>,
  moves: readonly Move[],
): Record<string, TierFigures> => {
  const byTier: Record<string, TierFigures> = {};
  const add = (tier: string, delta: Partial<TierFigures>): void => {
    const current = byTier[tier] ?? ZERO;
    byTier[tier] = {
      accounts: current.accounts + (delta.accounts ?? 0),
      changed: current.changed + (delta.changed ?? 0),
      entered: current.entered + (delta.entered ?? 0),
      left: current.left + (delta.left ?? 0),
    };
  };
  for (const [tier, accounts] of Object.entries(tierCounts)) add(tier, { accounts });
  for (const { tier, previousTier, accounts } of moves) {
    const moved = previousTier !== tier;
    add(tier, { changed: accounts, entered: moved ? accounts : 0 });
    if (moved && previousTier !== null) add(previousTier, { left: accounts });
  }
  return byTier;
};
