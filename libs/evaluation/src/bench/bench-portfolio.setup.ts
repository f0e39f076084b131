import { deterministicUuid } from '@kam/application';
import { accountStreamId, ACCOUNT_EVENT_SCHEMA_VERSIONS } from '@kam/domain';
import { openKamSqliteDatabase, openSqliteEventStore, type EventStore } from '@kam/event-store';
import { openSqliteReadModels, runProjections, type AccountMetricsMonthlyRow } from '@kam/projections';

/**
 * SETUP ONLY, not what the benchmark measures. Recording 100,000 accounts' histories through the
 * command path would take minutes, so the portfolio is made the quick way: each account's
 * registration is appended to the real log (the evaluation's commands need a registered account),
 * the real projection runner folds those, and the monthly sales metrics the policies rank are then
 * written straight into the read model. The evaluation itself then runs end to end.
 */

export const BENCH_AS_OF = new Date('2026-03-31T23:00:00Z');
const MONTHS = ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'];
const CHUNK = 5000;

/** A small deterministic generator: the same portfolio every run, so figures compare. */
const mulberry32 = (seed: number) => () => {
  let t = (seed += 0x6d2b79f5);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

export const benchAccountId = (index: number): string =>
  deterministicUuid('kam-bench-evaluate', String(index));

const registerAll = async (
  store: EventStore,
  accounts: number,
  onProgress: (done: number) => void,
): Promise<void> => {
  const occurredAt = '2025-06-01T00:00:00.000Z';
  for (let start = 0; start < accounts; start += CHUNK) {
    const appends = [];
    for (let i = start; i < Math.min(accounts, start + CHUNK); i += 1) {
      const accountId = benchAccountId(i);
      const metadata = {
        actor: 'bench-setup',
        reason: null,
        correlationId: accountId,
        causationId: accountId,
        schemaVersion: ACCOUNT_EVENT_SCHEMA_VERSIONS.AccountRegistered,
      };
      const data = {
        accountId,
        occurredAt,
        name: `Bench ${i}`,
        industry: 'manufacturing',
        region: 'east',
        source: null,
      };
      const event = {
        id: deterministicUuid(accountId, 'registered'),
        type: 'AccountRegistered',
        data,
        metadata,
      };
      appends.push(
        store.appendToStream(accountStreamId(accountId), [event], { expectedRevision: 'no_stream' }),
      );
    }
    await Promise.all(appends);
    onProgress(Math.min(accounts, start + CHUNK));
  }
};

/** Typed by the read model's own row type, so a renamed column fails the build, not the benchmark. */
const metricsRow = (accountId: string, month: string, revenue: number): AccountMetricsMonthlyRow => ({
  account_id: accountId,
  month,
  revenue_e4: revenue * 10_000,
  gross_profit_e4: Math.round(revenue * 0.25) * 10_000,
  order_count: 1,
  poor_quality_revenue_e4: 0,
  payments_on_time: 1,
  payments_late: 0,
  days_late_sum: 0,
  last_order_at: `${month}-15T00:00:00.000Z`,
});

/** Monthly revenue per account, some rising, some falling, some flat: every tier and stage occurs. */
const writeMetrics = (file: string, accounts: number): void => {
  const db = openKamSqliteDatabase({ file });
  const random = mulberry32(42);
  const columns = Object.keys(metricsRow('', '', 0));
  const insert = db.prepare(
    `INSERT INTO account_metrics_monthly (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  const lastOrder = db.prepare('UPDATE account_summary SET last_order_at = ? WHERE account_id = ?');
  db.transaction(() => {
    for (let i = 0; i < accounts; i += 1) {
      const accountId = benchAccountId(i);
      const base = 1000 + random() * 99_000;
      const trend = [0.85, 1, 1.2][Math.floor(random() * 3)] ?? 1;
      let row = metricsRow(accountId, '', 0);
      MONTHS.forEach((month, m) => {
        row = metricsRow(accountId, month, Math.round(base * trend ** Math.floor(m / 3)));
        insert.run(row);
      });
      lastOrder.run(row.last_order_at, accountId);
    }
  })();
  db.close();
};

export type SetupProgress = (phase: string, done: number, total: number) => void;

/** Builds the benchmark's portfolio in `file` (see the note at the top: setup, not measured). */
export const preparePortfolio = async (
  file: string,
  accounts: number,
  onProgress: SetupProgress,
): Promise<void> => {
  const store = await openSqliteEventStore({ file, clock: () => BENCH_AS_OF });
  try {
    await registerAll(store, accounts, (done) => onProgress('setup: register', done, accounts));
    const readModels = await openSqliteReadModels({ file });
    try {
      await runProjections({ readModels, store, until: 'caught-up' });
    } finally {
      await readModels.close();
    }
    onProgress('setup: project', accounts, accounts);
    writeMetrics(file, accounts);
    onProgress('setup: metrics', accounts, accounts);
  } finally {
    await store.close();
  }
};
