import type { KamConfig } from '@kam/config';
import { ConfigError } from '@kam/config';
import {
  openEventStoreDbEventStore,
  openPostgresEventStore,
  openSqliteEventStore,
  validateEventStoreConnectionString,
  type EventStore,
} from '@kam/event-store';

/** The one place that turns configuration into an event store adapter. */
export const openEventStore = async (
  config: KamConfig,
  options: Readonly<{ clock?: () => Date }> = {},
): Promise<EventStore> => {
  switch (config.eventStore) {
    case 'sqlite':
      return openSqliteEventStore({ file: config.sqliteFile, clock: options.clock });
    case 'eventstoredb': {
      const connectionString = config.eventStoreConnectionString ?? '';
      try {
        validateEventStoreConnectionString(connectionString);
      } catch (error) {
        throw new ConfigError('EVENTSTORE_CONNECTION_STRING', (error as Error).message);
      }
      return openEventStoreDbEventStore({ connectionString });
    }
    case 'postgres':
      // loadConfig has already refused KAM_EVENT_STORE=postgres without a valid DATABASE_URL.
      return openPostgresEventStore({ databaseUrl: config.databaseUrl ?? '', clock: options.clock });
  }
};
