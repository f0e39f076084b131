import { sql, type Kysely } from 'kysely';
import type { EvaluationDatabase } from './evaluation-tables.js';

type Db = Kysely<EvaluationDatabase>;

/** The table earlier versions kept a row per planned account in, with its outcome once settled. */
const OLD_TABLE = 'evaluation_run_accounts';

const hasOldTable = async (db: Db): Promise<boolean> => {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name = ${OLD_TABLE}`.execute(db);
  return rows.length > 0;
};

/**
 * Each (run, batch)'s rows become its plan row. json_set rather than json_patch puts the columns
 * back into the change: a merge patch drops a key whose value is null, and previousTier often is.
 */
const movePlans = sql`
  insert into evaluation_run_plans (run_id, batch_no, accounts, changes)
  select run_id, batch_no, count(*),
         json_group_array(json_set(change, '$.accountId', account_id, '$.tier', tier, '$.previousTier', previous_tier))
  from evaluation_run_accounts
  where true
  group by run_id, batch_no
  on conflict (run_id, batch_no) do nothing`;

/** Settled rows keep their outcome; pending and applying ones are open, so they have none. */
const moveOutcomes = sql`
  insert into evaluation_run_outcomes (run_id, batch_no, account_id, tier, previous_tier, outcome, error)
  select run_id, batch_no, account_id, tier, previous_tier, outcome, error
  from evaluation_run_accounts
  where outcome not in ('pending', 'applying')
  on conflict (run_id, batch_no, account_id) do nothing`;

/**
 * An account marked applying was being applied when its worker stopped: its batch counts as
 * started, so each of its open accounts is checked for this run's events before anything is
 * appended, as when it was read from the old row.
 */
const markApplyingBatchesStarted = sql`
  insert into evaluation_run_batches (run_id, batch_no, claimed_at)
  select distinct run_id, batch_no, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  from evaluation_run_accounts
  where outcome = 'applying'
  on conflict (run_id, batch_no) do nothing`;

/**
 * Moves an earlier version's per-account rows into the plan and outcome tables and drops their
 * table, in one write transaction: a process that starts meanwhile waits for it, then finds the
 * old table gone and does nothing.
 */
export const migrateRunAccounts = async (db: Db): Promise<void> => {
  if (!(await hasOldTable(db))) return;
  await db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      if (await hasOldTable(connection)) {
        await movePlans.execute(connection);
        await moveOutcomes.execute(connection);
        await markApplyingBatchesStarted.execute(connection);
        await sql`drop table evaluation_run_accounts`.execute(connection);
      }
      await sql`commit`.execute(connection);
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  });
};
