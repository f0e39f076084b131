import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { openKamSqliteDatabase } from '@kam/event-store/sqlite';
import { trailingMonths } from '@kam/projections';
import type { EventWrites, RunWrites } from './run-writes.js';

/**
 * The ceiling of `kam bench evaluate`: the raw driver doing the I/O an evaluation run does, on one
 * thread, with nothing of ours around it: no policy (one sum per account, one sort), no decider,
 * no hash chain, no read models brought up to date, no Kysely. It reads the portfolio with the
 * snapshot's two big queries, stores a plan of the same size, and per batch of 1,000 reads each
 * stream's tail and appends as many events of the same sizes as the run did, with the same
 * durability, plus the batch's outcome rows. The most the run could reach on this machine, now.
 */
export type EvaluateCeiling = Readonly<{
  seconds: number;
  accounts: number;
  changed: number;
  events: number;
  /** Seconds of each step, which add up to `seconds`: where the run's own figures can be held against. */
  steps: Readonly<{ read: number; rank: number; plan: number; apply: number }>;
}>;

export type EvaluateCeilingOptions = Readonly<{
  asOf: Date;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}>;

const BATCH_SIZE = 1000;
const STREAM_PREFIX = 'account-';

/** The snapshot query's summary columns, packed the same way (portfolio-snapshot.query.ts). */
const SUMMARY_SQL = `SELECT json_array(account_id, name, industry, region, registered_at, stage,
  stage_changed_at, stage_basis, tier, payment_mode, credit_days, assessment, profile, last_order_at) AS summary
  FROM account_summary WHERE registered_at <= ? ORDER BY account_id`;

/** The snapshot query's months, one JSON array per account, scanned in key order. */
const MONTHS_SQL = `SELECT account_id, json_group_array(json_array(month, revenue_e4, gross_profit_e4,
  order_count, poor_quality_revenue_e4, payments_on_time, payments_late, days_late_sum)) AS months
  FROM account_metrics_monthly WHERE +month >= ? AND +month <= ? GROUP BY account_id`;

/** The run tables' shape (evaluation-tables.ts), under names of the ceiling's own. */
const SCRATCH_DDL = `
CREATE TABLE IF NOT EXISTS ceiling_plans (run_id TEXT NOT NULL, batch_no INTEGER NOT NULL,
  accounts INTEGER NOT NULL, changes TEXT NOT NULL, PRIMARY KEY (run_id, batch_no));
CREATE TABLE IF NOT EXISTS ceiling_outcomes (run_id TEXT NOT NULL, batch_no INTEGER NOT NULL,
  account_id TEXT NOT NULL, tier TEXT NOT NULL, previous_tier TEXT, outcome TEXT NOT NULL, error TEXT,
  PRIMARY KEY (run_id, batch_no, account_id));
CREATE INDEX IF NOT EXISTS ceiling_outcomes_outcome ON ceiling_outcomes (run_id, outcome);`;

type PackedSummary = readonly [accountId: string, ...rest: unknown[]];
type PackedMonth = readonly [month: string, revenueE4: number, ...rest: number[]];
type Ranked = Readonly<{ accountId: string; revenue: number; rank: number }>;

/** The `YYYY-MM` bounds the snapshot query uses (read-snapshot.ts). */
const monthsEnding = (asOf: Date, months: number): readonly [string, string] => {
  const { from, to } = trailingMonths(asOf.toISOString(), months);
  return [from, to];
};

/** Step 1: the snapshot's reads in one read transaction, every row fetched and JSON-parsed. */
const readPortfolio = (db: Database.Database, asOf: Date) =>
  db.transaction(() => {
    const summaries = db
      .prepare<[string], { summary: string }>(SUMMARY_SQL)
      .all(asOf.toISOString())
      .map((row) => JSON.parse(row.summary) as PackedSummary);
    const months = new Map<string, PackedMonth[]>();
    for (const row of db
      .prepare<[string, string], { account_id: string; months: string }>(MONTHS_SQL)
      .iterate(...monthsEnding(asOf, 24)))
      months.set(row.account_id, JSON.parse(row.months) as PackedMonth[]);
    return { summaries, months };
  })();

/** Step 2: the least a relative ranking needs: one number per account, sorted. */
const rank = (portfolio: ReturnType<typeof readPortfolio>, asOf: Date): Ranked[] => {
  const [from] = monthsEnding(asOf, 12);
  const revenues = portfolio.summaries.map(([accountId]) => {
    let revenue = 0;
    for (const [month, revenueE4] of portfolio.months.get(accountId) ?? [])
      if (month >= from) revenue += revenueE4;
    return revenue;
  });
  const ranks = new Array<number>(revenues.length);
  revenues
    .map((_, i) => i)
    .sort((a, b) => (revenues[b] ?? 0) - (revenues[a] ?? 0))
    .forEach((index, position) => (ranks[index] = position + 1));
  return portfolio.summaries.map(([accountId], i) => ({
    accountId,
    revenue: revenues[i] ?? 0,
    rank: ranks[i] ?? 0,
  }));
};

/** Padding that brings `fill(pad)` to `bytes`, measured once per shape. */
const padTo = (bytes: number, fill: (pad: string) => string): string =>
  'x'.repeat(Math.max(0, Math.round(bytes) - fill('').length));

const tierOf = (account: Ranked, accounts: number): string =>
  account.rank <= accounts / 5 ? 'key' : 'standard';

/** Step 3: the plan, one JSON row per batch, in one transaction at the run store's durability. */
const storePlan = (
  db: Database.Database,
  runId: string,
  batches: readonly (readonly Ranked[])[],
  bytesPerChange: number,
  accounts: number,
): void => {
  const change = (account: Ranked, reasons: string) => ({
    accountId: account.accountId,
    tier: tierOf(account, accounts),
    previousTier: null,
    rank: account.rank,
    revenue: account.revenue,
    reasons,
  });
  // Less one byte for the comma between the changes of a batch's array.
  const sample = batches[0]?.[0];
  const reasons = sample ? padTo(bytesPerChange - 1, (pad) => JSON.stringify(change(sample, pad))) : '';
  const insert = db.prepare(
    'INSERT INTO ceiling_plans (run_id, batch_no, accounts, changes) VALUES (?, ?, ?, ?)',
  );
  db.pragma('synchronous = NORMAL');
  db.transaction(() => {
    batches.forEach((batch, batchNo) =>
      insert.run(
        runId,
        batchNo,
        batch.length,
        JSON.stringify(batch.map((account) => change(account, reasons))),
      ),
    );
  }).immediate();
  db.pragma('synchronous = FULL');
};

/** How many events of each type account `i` of `changed` gets: each type's count spread evenly. */
const eventsOf = (types: readonly EventWrites[], i: number, changed: number): EventWrites[] =>
  types.flatMap((type) => {
    const n = Math.floor(((i + 1) * type.count) / changed) - Math.floor((i * type.count) / changed);
    return Array.from({ length: n }, () => type);
  });

type Payloads = ReadonlyMap<string, Readonly<{ data: string; metadata: string }>>;

/** Per event type, the padding that makes its data and metadata the run's average sizes. */
const payloadPads = (types: readonly EventWrites[], runId: string): Payloads =>
  new Map(
    types.map((type) => [
      type.type,
      {
        data: padTo(type.dataBytes, (pad) => dataOf(randomUUID(), runId, pad)),
        metadata: padTo(type.metadataBytes, (pad) => metadataOf(runId, pad)),
      },
    ]),
  );

const dataOf = (accountId: string, runId: string, reasons: string): string =>
  JSON.stringify({ accountId, runId, reasons });
const metadataOf = (runId: string, reason: string): string =>
  JSON.stringify({ correlationId: runId, causationId: runId, actor: 'evaluation-ceiling', reason });

type ApplyStatements = Readonly<{
  tail: Database.Statement<[string], number>;
  insert: Database.Statement<[string, string, number, string, string, string, string]>;
  outcome: Database.Statement<[string, number, string, string]>;
}>;

const prepareApply = (db: Database.Database): ApplyStatements => ({
  tail: db
    .prepare<[string], number>(
      'SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    )
    .pluck(),
  insert: db.prepare<[string, string, number, string, string, string, string]>(
    'INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ),
  outcome: db.prepare<[string, number, string, string]>(
    `INSERT INTO ceiling_outcomes (run_id, batch_no, account_id, tier, previous_tier, outcome, error)
     VALUES (?, ?, ?, ?, NULL, 'changed', NULL)`,
  ),
});

type Batch = Readonly<{ batchNo: number; accounts: readonly Ranked[]; first: number }>;

/**
 * Step 4, one batch: every account's stream tail read and its events inserted in one transaction
 * at synchronous=FULL, as the store's group commit does; then the outcomes in one transaction at
 * the run store's synchronous=NORMAL. Returns the events written.
 */
const applyBatch = (
  db: Database.Database,
  sql: ApplyStatements,
  work: Readonly<{ runId: string; writes: RunWrites; pads: Payloads; portfolioSize: number }>,
  batch: Batch,
): number => {
  const { runId, writes, pads } = work;
  const recordedAt = new Date().toISOString();
  const written = db
    .transaction(() => {
      let events = 0;
      batch.accounts.forEach((account, i) => {
        const streamId = `${STREAM_PREFIX}${account.accountId}`;
        let revision = sql.tail.get(streamId) ?? -1;
        for (const type of eventsOf(writes.events, batch.first + i, writes.changed)) {
          const pad = pads.get(type.type);
          const data = dataOf(account.accountId, runId, pad?.data ?? '');
          const metadata = metadataOf(runId, pad?.metadata ?? '');
          revision += 1;
          sql.insert.run(randomUUID(), streamId, revision, type.type, data, metadata, recordedAt);
          events += 1;
        }
      });
      return events;
    })
    .immediate();
  db.pragma('synchronous = NORMAL');
  db.transaction(() => {
    for (const account of batch.accounts)
      sql.outcome.run(runId, batch.batchNo, account.accountId, tierOf(account, work.portfolioSize));
  }).immediate();
  db.pragma('synchronous = FULL');
  return written;
};

/**
 * Runs the ceiling on `file`, a copy of the prepared portfolio of its own, writing what `writes`
 * (measured from the real run) says the run wrote. Timed end to end; the scratch tables are made
 * before the clock starts, as the run's tables exist before a run is timed.
 */
export const runEvaluateCeiling = async (
  file: string,
  writes: RunWrites,
  options: EvaluateCeilingOptions,
): Promise<EvaluateCeiling> => {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  // The store's own opener: the same WAL, synchronous=FULL and cache settings as the run's appends.
  const db = openKamSqliteDatabase({ file });
  try {
    db.exec(SCRATCH_DDL);
    const sql = prepareApply(db);
    const runId = randomUUID();
    const pads = payloadPads(writes.events, runId);
    const started = performance.now();
    let lap = started;
    const split = (): number => {
      const now = performance.now();
      const seconds = (now - lap) / 1000;
      lap = now;
      return seconds;
    };
    options.onProgress?.(0, writes.changed);
    const portfolio = readPortfolio(db, options.asOf);
    const read = split();
    const accounts = rank(portfolio, options.asOf);
    // The run's changed accounts, in the plan's order (account id), in batches.
    const changed = accounts.slice(0, writes.changed);
    const batches: Batch[] = [];
    for (let first = 0; first < changed.length; first += batchSize)
      batches.push({ batchNo: batches.length, accounts: changed.slice(first, first + batchSize), first });
    const ranked = split();
    storePlan(
      db,
      runId,
      batches.map((batch) => batch.accounts),
      writes.planBytesPerChange,
      accounts.length,
    );
    const plan = split();
    let events = 0;
    let done = 0;
    const work = { runId, writes, pads, portfolioSize: accounts.length };
    for (const batch of batches) {
      events += applyBatch(db, sql, work, batch);
      done += batch.accounts.length;
      options.onProgress?.(done, changed.length);
      // A turn for the progress display between batches: microseconds against a batch's commit.
      await nextTurn();
    }
    const apply = split();
    return {
      seconds: (lap - started) / 1000,
      accounts: accounts.length,
      changed: changed.length,
      events,
      steps: { read, rank: ranked, plan, apply },
    };
  } finally {
    db.close();
  }
};
