import { LIFECYCLE_STAGES } from '@kam/domain';
import type { Kysely } from 'kysely';
import { fromE4 } from '../model/amount-value.js';
import type { ReadModelDatabase } from '../schema/read-model.database.js';
import { pareto, type Pareto } from './pareto.js';
import { readSnapshot } from './read-snapshot.js';
import { windowQuery } from './window-totals.js';

/** Accounts no evaluation has classified yet are counted under this tier. */
export const UNCLASSIFIED = 'unclassified';

/** `kam portfolio`: the `portfolio_snapshot` model, computed from the summary and monthly metrics. */
export type PortfolioView = Readonly<{
  asOf: string;
  accounts: number;
  revenue12m: number;
  tiers: Readonly<Record<string, Readonly<{ count: number; revenueShare: number }>>>;
  stages: Readonly<Record<string, number>>;
  pareto: Pareto;
}>;

/**
 * The portfolio at a glance. Computed on each call rather than stored: a stored copy would need its
 * own projection kept in step with the summary, and revenue shares depend on the date asked about.
 * Two reads in one snapshot, O(accounts).
 */
export async function portfolio(db: Kysely<ReadModelDatabase>, options: Readonly<{ asOf?: string }> = {}) {
  const asOf = options.asOf ?? new Date().toISOString();
  return readSnapshot(db, async (trx): Promise<PortfolioView> => {
    const counts = await trx
      .selectFrom('account_summary')
      .select((eb) => ['tier', 'stage', eb.fn.countAll<number>().as('count')])
      .groupBy(['tier', 'stage'])
      .execute();
    const revenues = await trx
      .selectFrom('account_summary as s')
      .innerJoin(windowQuery(trx, asOf).as('m'), 'm.account_id', 's.account_id')
      .select(['s.tier', 'm.revenue_e4'])
      .execute();
    const stages: Record<string, number> = Object.fromEntries(LIFECYCLE_STAGES.map((stage) => [stage, 0]));
    const tierCounts = new Map<string, number>();
    let accounts = 0;
    for (const row of counts) {
      const count = Number(row.count);
      accounts += count;
      stages[row.stage] = (stages[row.stage] ?? 0) + count;
      const tier = row.tier ?? UNCLASSIFIED;
      tierCounts.set(tier, (tierCounts.get(tier) ?? 0) + count);
    }
    const tierRevenue = new Map<string, number>();
    let total = 0;
    for (const row of revenues) {
      const revenue = Math.max(0, fromE4(Number(row.revenue_e4 ?? 0)));
      total += revenue;
      const tier = row.tier ?? UNCLASSIFIED;
      tierRevenue.set(tier, (tierRevenue.get(tier) ?? 0) + revenue);
    }
    // Largest share first, then by name: the same answer whatever order the database grouped in.
    const tiers = Object.fromEntries(
      [...tierCounts]
        .map(
          ([tier, count]) =>
            [tier, { count, revenueShare: total > 0 ? (tierRevenue.get(tier) ?? 0) / total : 0 }] as const,
        )
        .sort(([a, x], [b, y]) => y.revenueShare - x.revenueShare || a.localeCompare(b)),
    );
    const withRevenue = revenues.map((row) => fromE4(Number(row.revenue_e4 ?? 0)));
    const without = new Array<number>(Math.max(0, accounts - withRevenue.length)).fill(0);
    return { asOf, accounts, revenue12m: total, tiers, stages, pareto: pareto([...withRevenue, ...without]) };
  });
}
