import type Database from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  sql,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Expression,
  type InferResult,
  type SqlBool,
} from 'kysely';
import type { ReadModelDatabase } from '../schema/read-model.database.js';
import {
  LIST_COLUMNS,
  toAccountView,
  toListItem,
  type AccountListItem,
  type AccountView,
} from './account-views.js';
import { canonicalInstant, readSnapshot, trailingMonths } from './read-snapshot.js';
import {
  EMPTY_TOTALS,
  overdueQueryAt,
  toTotals,
  windowQuery,
  windowQueryBetween,
  windowTotals,
} from './window-totals.js';

export type AccountSort = 'name' | 'revenue12m' | 'score';

export type ListAccountsQuery = Readonly<{
  tier?: string;
  stage?: string;
  owner?: string;
  region?: string;
  industry?: string;
  /** 1..1000, default 50. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** `name` ascending (default); `revenue12m` and `score` descending. Ties go by account id. */
  sort?: AccountSort;
  /** The date the trailing twelve months end at; now when omitted. */
  asOf?: string;
}>;

export type AccountPage = Readonly<{ items: readonly AccountListItem[]; nextCursor: string | null }>;

const FILTERS = ['tier', 'stage', 'owner', 'region', 'industry'] as const;
const NO_SCORE = -1e300;

type Keyset = readonly [string | number, string];

const encodeCursor = (keyset: Keyset): string => Buffer.from(JSON.stringify(keyset)).toString('base64url');

const decodeCursor = (cursor: string): Keyset => {
  const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  const valid = Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string';
  if (!valid || !['string', 'number'].includes(typeof parsed[0]))
    throw new RangeError(`Not a cursor of this list: ${cursor}`);
  return parsed as unknown as Keyset;
};

/** The sort key as SQL over the summary (`s`) and the twelve-month window (`m`), and its direction. */
const SORT_KEYS: Readonly<Record<AccountSort, Readonly<{ key: Expression<unknown>; descending: boolean }>>> =
  {
    name: { key: sql`s.name`, descending: false },
    score: { key: sql`coalesce(s.score, ${sql.lit(NO_SCORE)})`, descending: true },
    revenue12m: { key: sql`coalesce(m.revenue_e4, 0)`, descending: true },
  };

const keysetCondition = (sort: AccountSort, [value, accountId]: Keyset): Expression<SqlBool> => {
  const { key, descending } = SORT_KEYS[sort];
  const beyond = descending ? sql`${key} < ${value}` : sql`${key} > ${value}`;
  return sql<SqlBool>`(${beyond} OR (${key} = ${value} AND s.account_id > ${accountId}))`;
};

/**
 * A page of account summaries, filtered and sorted, with trailing-twelve-month figures as of `asOf`.
 * Keyset pagination: a page never repeats or skips a row when rows before it change.
 */
export async function listAccounts(
  db: Kysely<ReadModelDatabase>,
  query: ListAccountsQuery = {},
): Promise<AccountPage> {
  const asOf = query.asOf ?? new Date().toISOString();
  const sort = query.sort ?? 'name';
  const limit = Math.min(1000, Math.max(1, Math.trunc(query.limit ?? 50)));
  return readSnapshot(db, async (trx) => {
    // Only a sort by revenue needs every filtered account's twelve months summed (to order them);
    // otherwise the page is found from the summary alone and only its own accounts' months are read.
    let select = trx
      .selectFrom('account_summary as s')
      .select(LIST_COLUMNS.map((column) => `s.${column}` as const))
      .$if(sort === 'revenue12m', (q) =>
        q.leftJoin(windowQuery(trx, asOf).as('m'), 'm.account_id', 's.account_id').select(['m.revenue_e4']),
      );
    for (const column of FILTERS) {
      const value = query[column];
      if (value !== undefined) select = select.where(`s.${column}`, '=', value);
    }
    if (query.cursor !== undefined) select = select.where(keysetCondition(sort, decodeCursor(query.cursor)));
    const { key, descending } = SORT_KEYS[sort];
    const rows = await select
      .orderBy(key, descending ? 'desc' : 'asc')
      .orderBy('s.account_id', 'asc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const totals = await windowTotals(
      trx,
      asOf,
      page.map((row) => row.account_id),
    );
    const items = page.map((row) => toListItem(row, totals.get(row.account_id) ?? EMPTY_TOTALS));
    const last = items.at(-1);
    const more = rows.length > limit && last !== undefined;
    const lastRow = page.at(-1);
    // The cursor carries the sort key exactly as SQL compares it (revenue in ten-thousandths, integer).
    const value =
      sort === 'name'
        ? last?.name
        : sort === 'score'
          ? (last?.score ?? NO_SCORE)
          : Number(lastRow?.revenue_e4 ?? 0);
    return { items, nextCursor: more && value !== undefined ? encodeCursor([value, last.accountId]) : null };
  });
}

/** What the one-account query binds: the account and the bounds its figures are computed for. */
type AccountQueryParameters = Readonly<{ accountId: string; from: string; to: string; at: string }>;

const parametersFor = (accountId: string, asOf: string): AccountQueryParameters => {
  const { from, to } = trailingMonths(asOf);
  return { accountId, from, to, at: canonicalInstant(asOf) };
};

/**
 * The summary row with its twelve-month totals and overdue receivables in ONE statement: a single
 * statement reads one snapshot on its own (SQLite and PostgreSQL alike), so no transaction is needed
 * to keep a rebuild's swap or a runner's commit from mixing an old and a new model in one answer.
 */
function accountQuery(db: Kysely<ReadModelDatabase>, p: AccountQueryParameters) {
  return db
    .selectFrom('account_summary as s')
    .leftJoin(
      windowQueryBetween(db, p.from, p.to).where('account_id', '=', p.accountId).as('m'),
      'm.account_id',
      's.account_id',
    )
    .leftJoin(
      overdueQueryAt(db, p.at).where('account_id', '=', p.accountId).as('o'),
      'o.account_id',
      's.account_id',
    )
    .selectAll('s')
    .select(['m.revenue_e4', 'm.gross_profit_e4', 'm.order_count', 'm.poor_quality_revenue_e4'])
    .select(['m.payments_on_time', 'm.payments_late', 'm.days_late_sum', 'o.overdue'])
    .where('s.account_id', '=', p.accountId);
}

type AccountRow = InferResult<ReturnType<typeof accountQuery>>[number];

const viewOf = (row: AccountRow, asOf: string): AccountView =>
  toAccountView(row, toTotals(row), Number(row.overdue ?? 0), asOf);

/** One account now (or with figures as of `asOf`), or null when no such account is registered. */
export async function getAccount(
  db: Kysely<ReadModelDatabase>,
  accountId: string,
  options: Readonly<{ asOf?: string }> = {},
): Promise<AccountView | null> {
  const asOf = options.asOf ?? new Date().toISOString();
  const row = await accountQuery(db, parametersFor(accountId, asOf)).executeTakeFirst();
  return row === undefined ? null : viewOf(row, asOf);
}

/** `getAccount` without a promise: the same query, prepared once on a better-sqlite3 connection. */
export type AccountReader = (accountId: string, options?: Readonly<{ asOf?: string }>) => AccountView | null;

/** Kysely only to turn the query into SQLite's SQL; it never connects. */
const sqliteCompiler = (): Kysely<ReadModelDatabase> =>
  new Kysely<ReadModelDatabase>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });

/**
 * The hot path of GET /accounts/{id} on the embedded read models. Going through Kysely costs a query
 * build, a compile and a fresh `prepare` per call, and a promise; here the statement is compiled from
 * the very same builder once, with a marker in each parameter's place, and then only bound and run.
 */
export function prepareAccountReader(database: Database.Database): AccountReader {
  const markers: AccountQueryParameters = {
    accountId: '\u0000accountId',
    from: '\u0000from',
    to: '\u0000to',
    at: '\u0000at',
  };
  const names = Object.keys(markers) as (keyof AccountQueryParameters)[];
  const compiled = accountQuery(sqliteCompiler(), markers).compile();
  const order = compiled.parameters.map((value) => {
    const name = names.find((candidate) => markers[candidate] === value);
    if (name === undefined) throw new Error(`prepareAccountReader: unexpected parameter ${String(value)}`);
    return name;
  });
  const statement = database.prepare<unknown[], AccountRow>(compiled.sql);
  return (accountId, options = {}) => {
    const asOf = options.asOf ?? new Date().toISOString();
    const parameters = parametersFor(accountId, asOf);
    const row = statement.get(...order.map((name) => parameters[name]));
    return row === undefined ? null : viewOf(row, asOf);
  };
}
