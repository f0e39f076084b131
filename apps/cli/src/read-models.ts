import type { KamConfig } from '@kam/config';
import type { EventStore } from '@kam/event-store';
import {
  openSqliteReadModels,
  ProjectionLockedError,
  runProjections,
  type ReadModels,
} from '@kam/projections';
import { withEngine } from './engine.js';

export type ReadSide = Readonly<{ store: EventStore; readModels: ReadModels }>;

/**
 * Opens the read models (in the data directory's SQLite file, whatever the event store) beside the
 * event store. `fresh` first brings them up to the head of the log, so a query right after a write
 * sees it; when `kam serve` is running its runner holds the projections and keeps them fresh itself.
 */
export const withReadSide = <T>(
  config: KamConfig,
  work: (side: ReadSide) => Promise<T>,
  options: Readonly<{ fresh?: boolean }> = {},
): Promise<T> =>
  withEngine(config, async ({ store }) => {
    const readModels = await openSqliteReadModels({ file: config.sqliteFile });
    try {
      if (options.fresh) await catchUpUnlessServed(readModels, store);
      return await work({ store, readModels });
    } finally {
      await readModels.close();
    }
  });

const catchUpUnlessServed = async (readModels: ReadModels, store: EventStore): Promise<void> => {
  try {
    await runProjections({ readModels, store, until: 'caught-up' });
  } catch (error) {
    if (!(error instanceof ProjectionLockedError)) throw error;
  }
};
