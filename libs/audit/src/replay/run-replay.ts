import { accountStreamId } from '@kam/domain';
import type { EventStore } from '@kam/event-store';
import {
  evaluatePortfolio,
  policyVersion,
  type PolicyDocument,
  type PortfolioEvaluation,
} from '@kam/policies';
import { judgeAftermath } from './aftermath.js';
import { compareDate, type DateEvaluation } from './compare-tiers.js';
import { prepareCounterfactual, type Counterfactual } from './counterfactual.js';
import { walkLog, type EventEdit, type KnowledgeCut } from './log-walk.js';
import { replayDates, type Cadence } from './replay-dates.js';
import { ReplayRequestError } from './replay.errors.js';
import type { ReplayReport, TierScore } from './replay.types.js';

export type ReplayRequest = Readonly<{
  policy: PolicyDocument;
  /** Where the policy came from (a file name), for the report. */
  policySource: string;
  from: string;
  to: string;
  every: Cadence;
  /** Only this account's differences are listed (the matrix still covers the portfolio). */
  accountId?: string;
  /** Needs `accountId`: the events named must be that account's. */
  counterfactual?: Omit<Counterfactual, 'accountId'>;
  /** Date -> head position of the run recorded then, when the caller knows it (evaluation_runs). */
  knownPositions?: ReadonlyMap<string, bigint>;
  onProgress?: (position: bigint, head: bigint) => void;
}>;

const assertAccount = async (store: EventStore, accountId: string): Promise<void> => {
  for await (const _ of store.readStream(accountStreamId(accountId), { maxCount: 1 })) return;
  throw new ReplayRequestError('account', 'exists', `no account with id ${accountId}: nothing was replayed`);
};

/** Validates everything a replay depends on before reading the log, so a bad request runs nothing. */
const prepare = async (store: EventStore, request: ReplayRequest) => {
  const dates = replayDates(request.from, request.to, request.every);
  if (request.accountId !== undefined) await assertAccount(store, request.accountId);
  const { counterfactual } = request;
  if (counterfactual === undefined) return { dates, edit: undefined };
  if (request.accountId === undefined) {
    throw new ReplayRequestError(
      'account',
      'required',
      'a counterfactual (--exclude-event, --alter) needs --account',
    );
  }
  return {
    dates,
    edit: await prepareCounterfactual(store, { ...counterfactual, accountId: request.accountId }),
  };
};

/** The tiers a policy ranks highest: its first two when it has four or more, else its first. */
export const topTiersOf = (evaluation: PortfolioEvaluation): string[] => {
  const { cohort } = evaluation;
  return cohort.slice(0, cohort.length >= 4 ? 2 : 1).map((tier) => tier.tier);
};

const resultsOf = (evaluation: PortfolioEvaluation): Map<string, TierScore> =>
  new Map(
    evaluation.accounts.map((account) => [account.accountId, { tier: account.tier, score: account.score }]),
  );

/**
 * What-if: in one streamed pass over the log, rebuild the portfolio as the engine knew it at each
 * date, apply the candidate policy, and compare with the tiers recorded then. Writes nothing.
 */
export const runReplay = async (store: EventStore, request: ReplayRequest): Promise<ReplayReport> => {
  const started = performance.now();
  const { dates, edit } = await prepare(store, request);
  const head = await store.headPosition();
  const cuts: KnowledgeCut[] = dates.map((date) => ({
    date,
    position: request.knownPositions?.get(date) ?? null,
  }));
  const evaluations: DateEvaluation[] = [];
  let topTiers: string[] | undefined;
  let events = 0;
  const portfolio = await walkLog(store, cuts, {
    edit: countingEdit(edit, () => (events += 1)),
    onCut: (cut, known) => {
      const evaluation = evaluatePortfolio(known.snapshotAt(cut.date), request.policy);
      topTiers ??= topTiersOf(evaluation);
      evaluations.push({ date: cut.date, results: resultsOf(evaluation) });
    },
    onProgress: (position) => request.onProgress?.(position, head),
  });
  evaluations.sort((a, b) => (a.date < b.date ? -1 : 1));
  const perDate = evaluations.map((evaluation) => {
    const compared = compareDate(evaluation, portfolio);
    if (request.accountId === undefined) return compared;
    return {
      ...compared,
      changes: compared.changes.filter((change) => change.accountId === request.accountId),
    };
  });
  return {
    policy: { id: request.policy.id, version: policyVersion(request.policy), source: request.policySource },
    every: request.every,
    dates,
    differences: perDate.reduce((sum, date) => sum + date.differences, 0),
    perDate,
    aftermath: judgeAftermath(evaluations, portfolio, topTiers ?? [], portfolio.lastFactAt),
    counterfactual: counterfactualSummary(request),
    events,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
};

const countingEdit =
  (edit: EventEdit | undefined, count: () => void): EventEdit =>
  (event) => {
    count();
    return edit === undefined ? event : edit(event);
  };

const counterfactualSummary = (request: ReplayRequest): ReplayReport['counterfactual'] =>
  request.counterfactual === undefined || request.accountId === undefined
    ? null
    : {
        accountId: request.accountId,
        excluded: request.counterfactual.exclude,
        altered: Object.keys(request.counterfactual.alter),
      };
