import type { EventStore } from '@kam/event-store';
import {
  loadPortfolioSnapshot,
  ProjectionLockedError,
  runProjections,
  waitForPosition,
  type ReadModels,
} from '@kam/projections';
import type { PortfolioSource } from './evaluation-deps.js';

/** How long a run waits for another process's projection runner to reach the log's head. */
const CATCH_UP_WAIT_MS = 120_000;

/**
 * The portfolio as the read models hold it. Before reading, the projections are brought up to the
 * log's head: by this process when no runner holds them, else by waiting for the one that does
 * (`kam serve`), so a run never ranks a portfolio missing recent orders.
 */
export const readModelPortfolio = (readModels: ReadModels, store: EventStore): PortfolioSource => ({
  catchUp: async () => {
    try {
      await runProjections({ readModels, store, until: 'caught-up' });
    } catch (error) {
      if (!(error instanceof ProjectionLockedError)) throw error;
      await waitForPosition(readModels.db, await store.headPosition(), { timeoutMs: CATCH_UP_WAIT_MS });
    }
  },
  loadSnapshot: (asOf) => loadPortfolioSnapshot(readModels.db, asOf.toISOString()),
  accountCount: async () => {
    const row = await readModels.db
      .selectFrom('account_summary')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },
  loadCurrent: async () => {
    const rows = await readModels.db
      .selectFrom('account_summary')
      .select(['account_id', 'tier', 'score', 'stage'])
      // The snapshot's order, so the ids come in the order the plan will hold them.
      .orderBy('account_id')
      .execute();
    return new Map(
      rows.map((row) => [
        row.account_id,
        { tier: row.tier, score: row.score === null ? null : Number(row.score), stage: row.stage },
      ]),
    );
  },
});
