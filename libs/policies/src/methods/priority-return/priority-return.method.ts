import type { PortfolioFacts } from '../../shared/account-facts.js';
import { competitionRanks } from '../../shared/competition-ranks.js';
import { reasonsIf } from '../../shared/reasons.js';
import type { MethodOutcome } from '../../shared/method-outcome.js';
import { fmt, round2, weightedContributions } from '../../shared/numbers.js';
import type { PriorityConfig } from './priority-return.config.js';

export type PriorityReturn = MethodOutcome &
  Readonly<{
    /** 1 = first call on resources; equal scores share a rank. */
    rank: number;
    /** 12-month gross profit over the amount invested in the account; null when no investment is known. */
    returnOnInvestment: number | null;
  }>;

/**
 * Prioritisation and return (source 003): value is the sales percentile, potential the latest
 * assessment's; their weighted sum orders the portfolio. The return needs the invested amount,
 * which only some snapshots carry.
 */
const PRIORITY_PARTS = ['value', 'potential'] as const;

export const prioritise = (
  portfolio: PortfolioFacts,
  config: PriorityConfig,
  explain = true,
): PriorityReturn[] => {
  const weights = { value: config.valueWeight, potential: config.potentialWeight };
  const scored = portfolio.accounts.map((facts) => {
    const potential = facts.account.assessment?.potential ?? config.missingPotential;
    const { components, score } = weightedContributions(PRIORITY_PARTS, weights, {
      value: facts.salesPercentile,
      potential,
    });
    return { facts, potential, components, score };
  });
  const { ranks } = competitionRanks(scored.map((entry) => entry.score));
  return scored.map(({ facts, potential, components, score }, i) => {
    const invested = facts.account.invested ?? null;
    const returnOnInvestment =
      invested !== null && invested > 0 ? round2(facts.grossProfit12m / invested) : null;
    const rank = ranks[i] ?? 0;
    const inputs = {
      salesPercentile: facts.salesPercentile,
      potential,
      grossProfit12m: facts.grossProfit12m,
      invested,
    };
    const reasons = reasonsIf(explain, () => [
      `priority ${rank} of ${scored.length}: value ${fmt(facts.salesPercentile)} and potential ${potential} score ${fmt(score)}`,
      returnOnInvestment === null
        ? 'return: no investment recorded'
        : `return ${fmt(returnOnInvestment)}: 12-month gross profit ${fmt(facts.grossProfit12m)} / invested ${fmt(invested ?? 0)}`,
    ]);
    return { rank, returnOnInvestment, score, components, inputs, reasons };
  });
};
