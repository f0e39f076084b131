import type { EventStore } from '@kam/event-store';
import { evaluatePortfolio, type PolicyDocument } from '@kam/policies';
import { walkLog, type KnowledgeCut } from '../replay/log-walk.js';
import { toInstant } from '../replica/projection-model.js';
import type { ClassificationExplanation, Reproduction } from './explain.types.js';
import {
  readAccountRecord,
  selectClassification,
  type AccountRecord,
  type ClassificationSelector,
  type RecordedClassification,
} from './recorded-classifications.js';
import type { RecordedRun, RunCatalogue } from './run-catalogue.js';
import { sameNumber, sincePrevious, type EvaluatedCut } from './since-previous.js';
import { standingLines, tierEdges } from './standing.js';

type Planned = Readonly<{ run: RecordedRun; policy: PolicyDocument; cut: KnowledgeCut }>;

const runOf = (chosen: RecordedClassification, found: RecordedRun | null): RecordedRun =>
  found ?? {
    runId: chosen.data.runId,
    asOf: chosen.asOf,
    policyId: chosen.data.policyId,
    policyVersion: chosen.data.policyVersion,
    policy: null,
    headPosition: null,
  };

/** The evaluation before this one: from the run table, else the account's previous classification. */
const previousRunOf = async (
  catalogue: RunCatalogue,
  record: AccountRecord,
  chosen: RecordedClassification,
) => {
  const fromTable = await catalogue.runBefore(chosen.asOf);
  if (fromTable !== null) return fromTable;
  const earlier = record.classifications[chosen.n - 2];
  return earlier === undefined ? null : runOf(earlier, await catalogue.run(earlier.data.runId));
};

const plan = (catalogue: RunCatalogue, run: RecordedRun | null): Planned | null => {
  const policy = run === null ? null : (run.policy ?? catalogue.policyByVersion(run.policyVersion));
  if (run === null || policy === null) return null;
  return { run, policy, cut: { date: toInstant(run.asOf), position: run.headPosition } };
};

/** Rebuilds the portfolio as each run read it (one pass, stopping after the last) and evaluates it again. */
const evaluateCuts = async (store: EventStore, accountId: string, planned: readonly Planned[]) => {
  const results = new Map<KnowledgeCut, EvaluatedCut>();
  if (planned.length === 0) return results;
  await walkLog(
    store,
    planned.map((p) => p.cut),
    {
      stopAfterCuts: true,
      onCut: (cut, portfolio) => {
        const policy = planned.find((p) => p.cut === cut)!.policy;
        const evaluation = evaluatePortfolio(portfolio.snapshotAt(cut.date), policy);
        const account = evaluation.accounts.find((entry) => entry.accountId === accountId);
        results.set(cut, {
          account,
          cohort: evaluation.cohort,
          portfolioSize: evaluation.portfolioSize,
          edges: tierEdges(evaluation),
        });
      },
    },
  );
  return results;
};

const reproduction = (
  chosen: RecordedClassification,
  replayed: EvaluatedCut | undefined,
): Reproduction | null => {
  const account = replayed?.account;
  if (account === undefined) return null;
  const recorded = chosen.data;
  const mismatches = [
    ...(account.tier === recorded.tier ? [] : [`tier ${account.tier}, recorded ${recorded.tier}`]),
    ...(sameNumber(account.score, recorded.score)
      ? []
      : [`score ${account.score}, recorded ${recorded.score}`]),
    ...Object.entries(recorded.components)
      .filter(([name, value]) => !sameNumber(account.components[name] ?? Number.NaN, value))
      .map(([name, value]) => `component ${name} ${account.components[name]}, recorded ${value}`),
  ];
  return {
    tier: account.tier,
    score: account.score,
    components: account.components,
    matches: mismatches.length === 0,
    mismatches,
  };
};

/**
 * Why an account has a tier: the recorded reclassification with its policy, inputs, contributions
 * and the cut-offs in force, reproduced by running the recorded policy again on the log as the run
 * read it, and compared with the evaluation before it.
 */
export const explainClassification = async (
  store: EventStore,
  catalogue: RunCatalogue,
  accountId: string,
  selector: ClassificationSelector,
): Promise<ClassificationExplanation> => {
  const record = await readAccountRecord(store, accountId);
  const chosen = selectClassification(accountId, record.classifications, selector);
  const run = runOf(chosen, await catalogue.run(chosen.data.runId));
  const current = plan(catalogue, run);
  const previousRun = await previousRunOf(catalogue, record, chosen);
  const previous = plan(catalogue, previousRun);
  const results = await evaluateCuts(
    store,
    accountId,
    [current, previous].filter((p): p is Planned => p !== null),
  );
  const now = current === null ? undefined : results.get(current.cut);
  const before = previous === null ? undefined : results.get(previous.cut);
  const notes = [
    ...(current === null
      ? [
          `the document of policy ${run.policyId} ${run.policyVersion} is not available: pass it with --policy to reproduce this run`,
        ]
      : []),
    ...(previousRun === null
      ? ['no earlier evaluation is recorded']
      : previous === null
        ? [`the policy of the previous run (${previousRun.policyVersion}) is not available`]
        : []),
  ];
  const { data } = chosen;
  return {
    accountId,
    n: chosen.n,
    of: record.classifications.length,
    runId: data.runId,
    policy: { id: data.policyId, version: data.policyVersion, name: current?.policy.name ?? null },
    asOf: chosen.asOf,
    recordedAt: chosen.recordedAt,
    revision: chosen.revision,
    position: chosen.position,
    tier: data.tier,
    previousTier: data.previousTier,
    score: data.score,
    components: Object.entries(data.components).map(([name, contribution]) => ({ name, contribution })),
    reasons: data.reasons,
    inputs: now?.account?.inputs ?? {},
    cohort: now?.cohort ?? [],
    portfolioSize: now?.portfolioSize ?? null,
    standing: standingLines(
      data.tier,
      data.score,
      now?.account?.inputs ?? {},
      now?.cohort ?? [],
      now?.edges ?? new Map(),
    ),
    reproduced: reproduction(chosen, now),
    sincePrevious:
      previousRun === null || before === undefined || now === undefined
        ? null
        : sincePrevious(previousRun, before, now, record.ownFacts, chosen.asOf),
    notes,
  };
};
