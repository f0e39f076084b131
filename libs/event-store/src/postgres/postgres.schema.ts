import type pg from 'pg';
import { EventStoreCorruptError } from '../event-store.errors.js';

/**
 * The version of the tables and function below; a database at a higher one is left untouched.
 * 2: append_batch takes parallel arrays instead of one json document (the tables are unchanged).
 */
export const KAM_POSTGRES_SCHEMA_VERSION = 2;

/** NOTIFY channel of every kam-ledger schema on the server; the payload names the schema. */
export const COMMIT_CHANNEL = 'kam_events';

/** 'KAML' as the first key of the two-key advisory locks; the second is the schema name's hash. */
const LOCK_CLASS = 0x4b414d4c;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

/** Lower-case identifiers only, so the name never needs escaping and fits every derived name. */
export function validateSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema))
    throw new Error(
      `PostgreSQL schema "${schema}" is not a plain lower-case identifier (a-z, 0-9, _; at most 48 characters)`,
    );
  return schema;
}

/**
 * The log. Positions come from the identity sequence, but only inside `append_batch`, which holds a
 * transaction-scoped advisory lock from before the first position is drawn until its commit is
 * visible. So transactions commit in position order and a reader that sees position N+1 already sees
 * N: a plain `position > checkpoint` never skips a late commit. Emmett and Marten keep concurrent
 * appends and filter readers instead (Emmett: `transaction_id < pg_snapshot_xmin(pg_current_snapshot())`
 * with a (transaction id, position) checkpoint; Marten: a high-water mark that waits out gaps). The
 * port's checkpoint is one bigint and the writer already groups concurrent appends into one
 * transaction (one lock turn, one WAL flush), so the serialisation costs little and every reader stays
 * a plain index range scan.
 * `data` and `metadata` are `json`, not `jsonb`: the text is kept as written (key order, number
 * spelling), which the hash chain relies on, and nothing queries inside a payload.
 */
function tablesDdl(s: string): string {
  return `
CREATE TABLE IF NOT EXISTS "${s}".kam_schema (
  version integer NOT NULL,
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton)
);
CREATE TABLE IF NOT EXISTS "${s}".events (
  position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  id text NOT NULL,
  type text NOT NULL,
  data json NOT NULL,
  metadata json NOT NULL,
  recorded_at timestamptz NOT NULL,
  UNIQUE (stream_id, revision),
  UNIQUE (stream_id, id)
);
`;
}

/**
 * One call appends a whole group of appends in one transaction. Append i goes to `p_streams[i]` with
 * expectation `p_expected[i]` and the next `p_counts[i]` entries of the event arrays; each gets one
 * row back, in order: 'ok' with its last revision and position, 'wrong' or 'duplicate' with the
 * stream's current revision and nothing written. Parallel text arrays, like a plain multi-row
 * INSERT's, because a json batch would be parsed again at every `->`. The checks run under the lock,
 * so they cannot race; a failing append is skipped rather than rolled back, so no subtransaction (and
 * no subxid) is spent.
 */
function appendFunctionDdl(s: string): string {
  return `
DROP FUNCTION IF EXISTS "${s}".append_batch(json, timestamptz);
CREATE OR REPLACE FUNCTION "${s}".append_batch(
  p_streams text[], p_expected text[], p_counts integer[],
  p_ids text[], p_types text[], p_data text[], p_metadata text[], p_recorded_at timestamptz)
RETURNS TABLE (o_kind text, o_revision bigint, o_position bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_stream text;
  v_expected text;
  v_count integer;
  v_from integer := 1;
  v_to integer;
  v_current bigint;
  v_last bigint;
  v_written boolean := false;
BEGIN
  PERFORM pg_advisory_xact_lock(${LOCK_CLASS}, hashtext('${s}'));
  FOR i IN 1 .. coalesce(array_length(p_streams, 1), 0) LOOP
    v_stream := p_streams[i];
    v_expected := p_expected[i];
    v_count := p_counts[i];
    v_to := v_from + v_count - 1;
    SELECT e.revision, e.position INTO v_current, v_last
      FROM "${s}".events e WHERE e.stream_id = v_stream ORDER BY e.revision DESC LIMIT 1;
    IF NOT FOUND THEN
      v_current := -1;
      v_last := -1;
    END IF;
    o_revision := v_current;
    o_position := v_last;
    IF NOT (CASE v_expected
        WHEN 'any' THEN true
        WHEN 'no_stream' THEN v_current = -1
        WHEN 'stream_exists' THEN v_current >= 0
        ELSE v_current = v_expected::bigint END) THEN
      o_kind := 'wrong';
    ELSIF v_count = 0 THEN
      o_kind := 'ok';
    ELSIF EXISTS (SELECT 1 FROM "${s}".events e
        WHERE e.stream_id = v_stream AND e.id = ANY (p_ids[v_from:v_to])) THEN
      o_kind := 'duplicate';
    ELSE
      WITH inserted AS (
        INSERT INTO "${s}".events (stream_id, revision, id, type, data, metadata, recorded_at)
        SELECT v_stream, v_current + x.n, x.id, x.type, x.data::json, x.metadata::json, p_recorded_at
        FROM unnest(p_ids[v_from:v_to], p_types[v_from:v_to], p_data[v_from:v_to], p_metadata[v_from:v_to])
          WITH ORDINALITY AS x(id, type, data, metadata, n)
        ORDER BY x.n
        RETURNING position)
      SELECT max(position) INTO o_position FROM inserted;
      o_kind := 'ok';
      o_revision := v_current + v_count;
      v_written := true;
    END IF;
    v_from := v_to + 1;
    RETURN NEXT;
  END LOOP;
  IF v_written THEN
    PERFORM pg_notify('${COMMIT_CHANNEL}', '${s}');
  END IF;
END
$fn$;
`;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * Creates the schema on first use and upgrades it; idempotent, and safe when several processes start
 * at once (they take turns on an advisory lock). A current schema costs one SELECT and no DDL.
 */
export async function ensureSchema(client: Queryable, schema: string): Promise<void> {
  if ((await schemaVersion(client, schema)) === KAM_POSTGRES_SCHEMA_VERSION) return;
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${LOCK_CLASS}, hashtext('setup:${schema}'))`);
    const version = await schemaVersion(client, schema);
    if (version !== KAM_POSTGRES_SCHEMA_VERSION) {
      await assertOwnSchema(client, schema, version);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(tablesDdl(schema));
      await client.query(appendFunctionDdl(schema));
      await client.query(
        `INSERT INTO "${schema}".kam_schema (version) VALUES ($1)
         ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version`,
        [KAM_POSTGRES_SCHEMA_VERSION],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** null: no kam_schema table in that schema (a new or foreign one). */
async function schemaVersion(client: Queryable, schema: string): Promise<number | null> {
  const found = await client.query<{ exists: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS exists`, [
    `"${schema}".kam_schema`,
  ]);
  if (found.rows[0]?.exists !== true) return null;
  const { rows } = await client.query<{ version: number }>(`SELECT version FROM "${schema}".kam_schema`);
  return rows[0]?.version ?? null;
}

async function assertOwnSchema(client: Queryable, schema: string, version: number | null): Promise<void> {
  if (version !== null && version > KAM_POSTGRES_SCHEMA_VERSION)
    throw new EventStoreCorruptError(
      `PostgreSQL schema "${schema}" was written by a newer kam-ledger (schema ${version}; this version ` +
        `reads up to ${KAM_POSTGRES_SCHEMA_VERSION}). It was left untouched; upgrade kam-ledger to use it.`,
    );
  if (version !== null) return;
  const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS exists`, [
    `"${schema}".events`,
  ]);
  if (rows[0]?.exists === true)
    throw new EventStoreCorruptError(
      `PostgreSQL schema "${schema}" already has an events table that is not kam-ledger's. It was left ` +
        'untouched; point the event store at another schema or database.',
    );
}
