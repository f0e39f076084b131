import type { AccountRepository, CommandOutcome } from '@kam/application';
import type { AccountCommand } from '@kam/domain';
import type { EventStore } from '@kam/event-store';
import type { CsvRow } from './import-kinds.js';
import type { RowOutcome } from './row-outcome.js';

export type ImportContext = Readonly<{
  repository: AccountRepository;
  store: EventStore;
  now: () => string;
  /**
   * Sends one command. `key` names the fact (e.g. order, account id, order id): the event ids are
   * derived from it, so a re-import or a retried row appends nothing the log already holds.
   */
  send: (command: AccountCommand, key: readonly string[]) => Promise<CommandOutcome>;
}>;

export type RowImporter = (row: CsvRow, context: ImportContext) => Promise<RowOutcome>;

/** An optional cell left empty is absent, not an empty string. */
export const optional = (value: string | undefined): string | undefined =>
  value === undefined || value === '' ? undefined : value;
