import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AccountRepository, handleAccountCommand, type CommandOutcome } from '@kam/application';
import type { AccountCommand, AccountCommandType } from '@kam/domain';
import { openSqliteEventStore, type SqliteEventStore } from '@kam/event-store';

type CommandOf<T extends AccountCommandType> = Extract<AccountCommand, { type: T }>;

/**
 * A real SQLite ledger in a temporary file, written through the real command path, with a clock the
 * test moves: `recordedAt` is what the clock says, `occurredAt` whatever the fact says.
 */
export type TestLedger = Readonly<{
  file: string;
  store: SqliteEventStore;
  repository: AccountRepository;
  clock: () => Date;
  /** Sets the log's clock (the "known at" time of the next appends). */
  at: (iso: string) => void;
  send: <T extends AccountCommandType>(type: T, data: CommandOf<T>['data']) => Promise<CommandOutcome>;
  close: () => Promise<void>;
}>;

export const openTestLedger = async (label = 'kam-audit'): Promise<TestLedger> => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), `${label}-`)), 'kam.db');
  let now = new Date('2020-01-01T00:00:00Z');
  const store = await openSqliteEventStore({ file, clock: () => now });
  const repository = new AccountRepository(store);
  const context = { actor: 'test', correlationId: 'test', causationId: 'test' };
  return {
    file,
    store,
    repository,
    clock: () => now,
    at: (iso) => {
      now = new Date(iso);
    },
    send: (type, data) => {
      const command = { type, data, metadata: { now: now.toISOString() } } as unknown as AccountCommand;
      return handleAccountCommand(store, repository, command, context);
    },
    close: () => store.close(),
  };
};

export const cny = (amount: string) => ({ amount, currency: 'CNY' });
