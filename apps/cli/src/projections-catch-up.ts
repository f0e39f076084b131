import type { KamConfig } from '@kam/config';
import type { EventStore } from '@kam/event-store';
import { openSqliteReadModels, runProjections } from '@kam/projections';

/** Brings every read model up to the head of the log; returns the position they reached. */
export const catchUpProjections = async (config: KamConfig, store: EventStore): Promise<bigint> => {
  const readModels = await openSqliteReadModels({ file: config.sqliteFile });
  try {
    const result = await runProjections({ readModels, store, until: 'caught-up' });
    return result.position;
  } finally {
    await readModels.close();
  }
};
