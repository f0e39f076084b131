import type { AccountEvaluation, InputValue, PortfolioEvaluation } from '@kam/policies';
import type { OwnFact } from './recorded-classifications.js';
import type { RecordedRun } from './run-catalogue.js';
import type { InputChange, SincePrevious } from './explain.types.js';
import { cutoffChanges, placeScore, type TierEdges } from './standing.js';

/** One evaluation of the portfolio, kept only for the account being explained. */
export type EvaluatedCut = Readonly<{
  account: AccountEvaluation | undefined;
  cohort: PortfolioEvaluation['cohort'];
  portfolioSize: number;
  edges: TierEdges;
}>;

export const sameNumber = (a: number, b: number): boolean =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

const same = (a: InputValue | null, b: InputValue | null): boolean =>
  typeof a === 'number' && typeof b === 'number' ? sameNumber(a, b) : a === b;

const inputChanges = (before: AccountEvaluation, after: AccountEvaluation): InputChange[] => {
  const names = [...new Set([...Object.keys(before.inputs), ...Object.keys(after.inputs)])];
  return names
    .map((name) => ({ name, before: before.inputs[name] ?? null, after: after.inputs[name] ?? null }))
    .filter((change) => !same(change.before, change.after));
};

const countFacts = (facts: readonly OwnFact[], from: string, to: string): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const fact of facts)
    if (fact.occurredAt > from && fact.occurredAt <= to) counts[fact.type] = (counts[fact.type] ?? 0) + 1;
  return counts;
};

/**
 * Which side moved the account: its own score (would it have moved under the old cut-offs?) or the
 * portfolio (would the new cut-offs have moved its old score?). The sales dimension is a rank, so a
 * score can also fall because others grew: the input changes show which.
 */
const causeOf = (
  before: EvaluatedCut & { account: AccountEvaluation },
  after: EvaluatedCut & { account: AccountEvaluation },
) => {
  const own = placeScore(after.account.score, before.cohort) !== before.account.tier;
  const portfolio = placeScore(before.account.score, after.cohort) !== before.account.tier;
  return own && portfolio ? 'both' : own ? 'own facts' : portfolio ? 'rest of the portfolio' : 'neither';
};

const summaryOf = (
  cause: SincePrevious['cause'],
  before: AccountEvaluation,
  after: AccountEvaluation,
): string => {
  const move =
    before.tier === after.tier ? `stayed ${after.tier}` : `moved from ${before.tier} to ${after.tier}`;
  const scores = `score ${before.score.toFixed(2)} -> ${after.score.toFixed(2)}`;
  const why = {
    'own facts': 'its own facts moved its score across a cut-off',
    'rest of the portfolio': 'the rest of the portfolio moved the cut-offs past its score',
    both: 'both its own score and the cut-offs moved',
    neither: 'no cut-off was crossed',
  }[cause];
  return `${move} (${scores}): ${why}`;
};

export const sincePrevious = (
  previousRun: RecordedRun,
  before: EvaluatedCut,
  after: EvaluatedCut,
  facts: readonly OwnFact[],
  asOf: string,
): SincePrevious | null => {
  if (before.account === undefined || after.account === undefined) return null;
  const cause = causeOf({ ...before, account: before.account }, { ...after, account: after.account });
  return {
    runId: previousRun.runId,
    asOf: previousRun.asOf,
    tier: before.account.tier,
    score: before.account.score,
    inputChanges: inputChanges(before.account, after.account),
    cutoffChanges: cutoffChanges(before.cohort, after.cohort),
    portfolioSize: { before: before.portfolioSize, after: after.portfolioSize },
    ownFacts: countFacts(facts, previousRun.asOf, asOf),
    cause,
    summary: summaryOf(cause, before.account, after.account),
  };
};
