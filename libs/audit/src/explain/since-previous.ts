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

type Sides = Readonly<{
  ownTier: string | null;
  portfolioTier: string | null;
  before: AccountEvaluation;
  after: AccountEvaluation;
}>;

/**
 * Which side moved the account: its own score (where would its new score have landed under the old
 * cut-offs?) or the portfolio (where would its old score land under the new cut-offs?). The sales
 * dimension is a rank, so a score can also fall because others grew: the input changes show which.
 */
const sidesOf = (
  before: EvaluatedCut,
  after: EvaluatedCut,
  accounts: { before: AccountEvaluation; after: AccountEvaluation },
): Sides => ({
  ownTier: placeScore(accounts.after.score, before.cohort),
  portfolioTier: placeScore(accounts.before.score, after.cohort),
  ...accounts,
});

const causeOf = ({ ownTier, portfolioTier, before }: Sides): SincePrevious['cause'] => {
  const own = ownTier !== before.tier;
  const portfolio = portfolioTier !== before.tier;
  return own && portfolio ? 'both' : own ? 'own facts' : portfolio ? 'rest of the portfolio' : 'neither';
};

const summaryOf = ({ ownTier, portfolioTier, before, after }: Sides): string => {
  const move =
    before.tier === after.tier ? `stayed ${after.tier}` : `moved from ${before.tier} to ${after.tier}`;
  const own =
    ownTier === before.tier
      ? `its new score alone would have kept it ${before.tier}`
      : `its new score alone, under the previous cut-offs, would have made it ${ownTier}`;
  const portfolio =
    portfolioTier === before.tier
      ? 'the new cut-offs alone would have kept it there'
      : `the new cut-offs alone would have made its previous score ${portfolioTier}`;
  return `${move} (score ${before.score.toFixed(2)} -> ${after.score.toFixed(2)}): ${own}; ${portfolio}`;
};

export const sincePrevious = (
  previousRun: RecordedRun,
  before: EvaluatedCut,
  after: EvaluatedCut,
  facts: readonly OwnFact[],
  asOf: string,
): SincePrevious | null => {
  if (before.account === undefined || after.account === undefined) return null;
  const sides = sidesOf(before, after, { before: before.account, after: after.account });
  const cause = causeOf(sides);
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
    summary: summaryOf(sides),
  };
};
