import type { EvaluationDatabase } from '@kam/evaluation';
import { parsePolicyDocument, policyVersion, type PolicyDocument } from '@kam/policies';
import type { Kysely } from 'kysely';

/** An evaluation run as the explanation needs it: its date, its policy, and what it had read. */
export type RecordedRun = Readonly<{
  runId: string;
  asOf: string;
  policyId: string;
  policyVersion: string;
  /** The document the run applied; null when no longer available. */
  policy: PolicyDocument | null;
  /** The log position the run read the portfolio at; null when unknown. */
  headPosition: bigint | null;
}>;

/** Where explanations find recorded runs: the evaluation tables, or only what the log itself says. */
export type RunCatalogue = Readonly<{
  run: (runId: string) => Promise<RecordedRun | null>;
  /** The latest finished run with an `asOf` before the date. */
  runBefore: (asOf: string) => Promise<RecordedRun | null>;
  /** A document of that version from elsewhere (the built-in default, KAM_POLICY_FILE, `--policy`). */
  policyByVersion: (version: string) => PolicyDocument | null;
  /** Finished runs' dates and the head each read (the latest run of a date wins): a replay's cuts. */
  knownPositions: () => Promise<ReadonlyMap<string, bigint>>;
}>;

type RunRow = Readonly<{
  run_id: string;
  as_of: string;
  policy_id: string;
  policy_version: string;
  policy_json: string;
  head_position: string | null;
}>;

const toRun = (row: RunRow): RecordedRun => ({
  runId: row.run_id,
  asOf: row.as_of,
  policyId: row.policy_id,
  policyVersion: row.policy_version,
  policy: parsePolicyDocument(row.policy_json, `run ${row.run_id}`),
  headPosition: row.head_position === null ? null : BigInt(row.head_position),
});

export const knownPolicies =
  (documents: readonly PolicyDocument[]) =>
  (version: string): PolicyDocument | null =>
    documents.find((document) => policyVersion(document) === version) ?? null;

const COLUMNS = ['run_id', 'as_of', 'policy_id', 'policy_version', 'policy_json', 'head_position'] as const;

/** The evaluation lib's run table: the policy document each run applied and the head it read. */
export const evaluationRunCatalogue = (
  db: Kysely<EvaluationDatabase>,
  documents: readonly PolicyDocument[] = [],
): RunCatalogue => ({
  run: async (runId) => {
    const row = await db
      .selectFrom('evaluation_runs')
      .select(COLUMNS)
      .where('run_id', '=', runId)
      .executeTakeFirst();
    return row === undefined ? null : toRun(row);
  },
  runBefore: async (asOf) => {
    const row = await db
      .selectFrom('evaluation_runs')
      .select(COLUMNS)
      .where('status', '=', 'done')
      .where('as_of', '<', asOf)
      .orderBy('as_of', 'desc')
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return row === undefined ? null : toRun(row);
  },
  policyByVersion: knownPolicies(documents),
  knownPositions: async () => {
    const rows = await db
      .selectFrom('evaluation_runs')
      .select(['as_of', 'head_position'])
      .where('status', '=', 'done')
      .where('head_position', 'is not', null)
      .orderBy('created_at')
      .execute();
    return new Map(rows.map((row) => [new Date(row.as_of).toISOString(), BigInt(row.head_position ?? 0)]));
  },
});

/** No run table (another store, or runs recorded elsewhere): the log's own account, and known documents. */
export const logOnlyRunCatalogue = (documents: readonly PolicyDocument[] = []): RunCatalogue => ({
  run: () => Promise.resolve(null),
  runBefore: () => Promise.resolve(null),
  policyByVersion: knownPolicies(documents),
  knownPositions: () => Promise.resolve(new Map()),
});
