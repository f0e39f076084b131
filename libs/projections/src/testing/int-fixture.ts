import { openSqliteEventStore, type SqliteEventStore } from '@kam/event-store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadModels } from '../read-models.js';
import { openSqliteReadModels } from '../sqlite/open-sqlite-read-models.js';

/** Test code: a fresh `kam.db` in its own directory, with the event store and the read models open on it. */
export type Fixture = Readonly<{
  file: string;
  store: SqliteEventStore;
  readModels: ReadModels;
  close(): Promise<void>;
}>;

export async function openFixture(label = 'projections'): Promise<Fixture> {
  const file = join(mkdtempSync(join(tmpdir(), `kam-${label}-`)), 'kam.db');
  const store = await openSqliteEventStore({ file });
  const readModels = await openSqliteReadModels({ file });
  return {
    file,
    store,
    readModels,
    close: async () => {
      await readModels.close();
      await store.close();
    },
  };
}

/** Every read-model table, ordered by its key: what "identical read models" compares. */
export async function dumpReadModels(readModels: ReadModels): Promise<Record<string, unknown[]>> {
  const { db } = readModels;
  return {
    account_summary: await db.selectFrom('account_summary').selectAll().orderBy('account_id').execute(),
    account_metrics_monthly: await db
      .selectFrom('account_metrics_monthly')
      .selectAll()
      .orderBy('account_id')
      .orderBy('month')
      .execute(),
    receivables: await db
      .selectFrom('receivables')
      .selectAll()
      .orderBy('account_id')
      .orderBy('invoice_id')
      .execute(),
    classification_history: await db
      .selectFrom('classification_history')
      .selectAll()
      .orderBy('position')
      .execute(),
    lifecycle_history: await db.selectFrom('lifecycle_history').selectAll().orderBy('position').execute(),
  };
}
