import type { PortfolioReplica } from '../replica/portfolio-replica.js';
import { recordedAt, type DateEvaluation } from './compare-tiers.js';
import type { Aftermath, TopTierFate } from './replay.types.js';

export const HORIZON_MONTHS = 6;

const plusMonths = (iso: string, months: number): string => {
  const date = new Date(iso);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months + 1, 1) - 1).toISOString();
};

type Fate = 'churn' | 'decline' | null;

/** The worst stage the account entered in (from, to]: churn outranks decline. */
const fateWithin = (portfolio: PortfolioReplica, accountId: string, from: string, to: string): Fate => {
  let fate: Fate = null;
  for (const stage of portfolio.accounts.get(accountId)?.stages ?? []) {
    if (stage.occurred_at <= from || stage.occurred_at > to) continue;
    if (stage.to_stage === 'churn') return 'churn';
    if (stage.to_stage === 'decline') fate = 'decline';
  }
  return fate;
};

const tally = (fates: readonly Fate[]): TopTierFate => {
  const churned = fates.filter((fate) => fate === 'churn').length;
  const declined = fates.filter((fate) => fate === 'decline').length;
  return {
    topTierAccounts: fates.length,
    churned,
    declined,
    rate: fates.length === 0 ? null : Math.round(((churned + declined) / fates.length) * 10_000) / 10_000,
  };
};

/**
 * How each policy's top tiers fared afterwards: of the accounts it put in a top tier at a date, how
 * many entered churn or decline within the horizon (by the stages the log records later). Only the
 * dates whose horizon ends by `lastFactAt` are judged.
 */
export const judgeAftermath = (
  evaluations: readonly DateEvaluation[],
  portfolio: PortfolioReplica,
  topTiers: readonly string[],
  lastFactAt: string,
): Aftermath => {
  const top = new Set(topTiers);
  const judged = evaluations.filter(
    (evaluation) => plusMonths(evaluation.date, HORIZON_MONTHS) <= lastFactAt,
  );
  const replayed: Fate[] = [];
  const recorded: Fate[] = [];
  for (const { date, results } of judged) {
    const until = plusMonths(date, HORIZON_MONTHS);
    for (const [accountId, result] of results) {
      const fate = () => fateWithin(portfolio, accountId, date, until);
      if (top.has(result.tier)) replayed.push(fate());
      const inForce = recordedAt(portfolio.accounts.get(accountId), date);
      if (inForce !== null && top.has(inForce.to_tier)) recorded.push(fate());
    }
  }
  return {
    horizonMonths: HORIZON_MONTHS,
    topTiers,
    datesJudged: judged.map((evaluation) => evaluation.date),
    replayed: tally(replayed),
    recorded: tally(recorded),
  };
};
