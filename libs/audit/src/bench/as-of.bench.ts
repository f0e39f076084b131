import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chainEvents, deterministicUuid, GENESIS_HASH, lastHash } from '@kam/application';
import { accountStreamId, ACCOUNT_EVENT_SCHEMA_VERSIONS } from '@kam/domain';
import { openSqliteEventStore, type EventStore, type EventToAppend } from '@kam/event-store';
import { accountAsOf } from '../as-of/account-as-of.js';
import { AccountEventCache } from '../as-of/account-event-cache.js';

/** `kam bench as-of --json`: one account's view on past dates, read cold and from the fold cache. */
export type AsOfBenchmark = Readonly<{
  events: number;
  queries: number;
  /** Median of queries that read and decode the whole stream (no cache: a fresh CLI process). */
  coldMedianMs: number;
  /** Median and 95th percentile with the fold cache warm (a long-running API process). */
  warmMedianMs: number;
  warmP95Ms: number;
  targetMs: number;
}>;

const ACCOUNT_ID = 'bench-as-of';
const DAY = 86_400_000;
const START = Date.UTC(2016, 0, 1);

const money = (n: number) => ({ amount: (1000 + (n % 97) * 37.5).toFixed(2), currency: 'CNY' });

/** A realistic mix over ten years of business time: orders, invoices and their payments, visits. */
const factAt = (n: number): Pick<EventToAppend, 'type' | 'data'> => {
  const occurredAt = new Date(START + Math.floor((n * 3650 * DAY) / 10_000)).toISOString();
  const base = { accountId: ACCOUNT_ID, occurredAt };
  const k = Math.floor(n / 4);
  const dueAt = new Date(START + Math.floor((n * 3650 * DAY) / 10_000) + 30 * DAY).toISOString();
  switch (n % 4) {
    case 0:
      return {
        type: 'OrderRecorded',
        data: { ...base, orderId: `o-${k}`, amount: money(n), grossProfit: money(k), channel: 'direct' },
      };
    case 1:
      return { type: 'InvoiceIssued', data: { ...base, invoiceId: `i-${k}`, amount: money(n - 1), dueAt } };
    case 2:
      return {
        type: 'PaymentReceived',
        data: { ...base, invoiceId: `i-${k}`, amount: money(n - 2), dueAt, daysLate: k % 5 === 0 ? 12 : 0 },
      };
    default:
      return {
        type: 'InteractionLogged',
        data: {
          ...base,
          interactionId: `v-${k}`,
          kind: 'visit',
          scenario: null,
          summary: 'visit',
          participants: [],
        },
      };
  }
};

const toAppend = ({ type, data }: Pick<EventToAppend, 'type' | 'data'>, n: number): EventToAppend => ({
  id: deterministicUuid('bench-as-of', String(n)),
  type,
  data,
  metadata: {
    correlationId: 'bench',
    causationId: 'bench',
    actor: 'bench',
    reason: null,
    schemaVersion: ACCOUNT_EVENT_SCHEMA_VERSIONS[type as keyof typeof ACCOUNT_EVENT_SCHEMA_VERSIONS] ?? 1,
  },
});

const recordAccount = async (store: EventStore, events: number): Promise<void> => {
  const registered = toAppend(
    {
      type: 'AccountRegistered',
      data: {
        accountId: ACCOUNT_ID,
        occurredAt: new Date(START - DAY).toISOString(),
        name: 'Bench',
        industry: 'manufacturing',
        region: 'east',
        source: null,
      },
    },
    -1,
  );
  let prevHash = GENESIS_HASH;
  let batch: EventToAppend[] = [registered];
  for (let n = 0; n < events - 1; n += 1) {
    batch.push(toAppend(factAt(n), n));
    if (batch.length < 500 && n < events - 2) continue;
    const chained = chainEvents(prevHash, batch);
    await store.appendToStream(accountStreamId(ACCOUNT_ID), chained);
    prevHash = lastHash(chained) ?? prevHash;
    batch = [];
  }
};

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 100) / 100;
};

const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

/** Writes one account of `events` events to a temporary file, asks for it on past dates, and removes the file. */
export const runAsOfBenchmark = async (
  options: Readonly<{ events?: number; queries?: number }> = {},
): Promise<AsOfBenchmark> => {
  const events = options.events ?? 10_000;
  const queries = options.queries ?? 50;
  const dir = mkdtempSync(path.join(tmpdir(), 'kam-bench-as-of-'));
  let tick = START;
  const store = await openSqliteEventStore({
    file: path.join(dir, 'kam.db'),
    clock: () => new Date((tick += 60_000)),
  });
  try {
    await recordAccount(store, events);
    const dates = Array.from({ length: queries }, (_, i) =>
      new Date(START + ((i + 1) * 3650 * DAY) / queries).toISOString(),
    );
    const cold: number[] = [];
    for (const asOf of dates.slice(0, 5))
      cold.push(await timed(() => accountAsOf(store, ACCOUNT_ID, { asOf })));
    const cache = new AccountEventCache(store);
    await accountAsOf(store, ACCOUNT_ID, {}, { cache });
    const warm: number[] = [];
    for (const asOf of dates)
      warm.push(await timed(() => accountAsOf(store, ACCOUNT_ID, { asOf }, { cache })));
    return {
      events,
      queries,
      coldMedianMs: percentile(cold, 0.5),
      warmMedianMs: percentile(warm, 0.5),
      warmP95Ms: percentile(warm, 0.95),
      targetMs: 20,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
