import type { PortfolioFacts } from '../../shared/account-facts.js';
import type { MethodOutcome } from '../../shared/method-outcome.js';
import { reasonsIf } from '../../shared/reasons.js';
import { fmt, round2 } from '../../shared/numbers.js';
import type { AbcClass, ParetoAbcConfig } from './pareto-abc.config.js';

export type ParetoAbc = MethodOutcome & Readonly<{ class: AbcClass }>;

/**
 * Pareto ABC on plain 12-month revenue, largest first (equal revenue in account-id order).
 * An account is in A when the revenue before it is still under A's share: the account that
 * crosses the 80% line is in A, so A holds at least 80%. Likewise B up to A + B. Accounts with
 * equal revenue share the class of the first of them; accounts with no positive revenue are C.
 * Score = the account's share of revenue in percent.
 */
export const classifyAbc = (
  portfolio: PortfolioFacts,
  config: ParetoAbcConfig,
  explain = true,
): ParetoAbc[] => {
  const revenues = portfolio.accounts.map((facts) => facts.revenue12m);
  const total = revenues.reduce((sum, revenue) => sum + Math.max(0, revenue), 0);
  const order = revenues.map((_, i) => i).sort((a, b) => (revenues[b] ?? 0) - (revenues[a] ?? 0));
  const results = new Array<ParetoAbc>(revenues.length);
  let before = 0;
  let previous: { revenue: number; class: AbcClass } | null = null;
  for (const i of order) {
    const revenue = revenues[i] ?? 0;
    const beforePercent = total > 0 ? (100 * before) / total : 100;
    const natural = classFor(revenue, beforePercent, config);
    const tied: boolean = previous !== null && previous.revenue === revenue && revenue > 0;
    const chosen: AbcClass = tied && previous ? previous.class : natural;
    results[i] = outcome(revenue, total, beforePercent, chosen, tied && chosen !== natural, config, explain);
    before += Math.max(0, revenue);
    previous = { revenue, class: chosen };
  }
  return results;
};

const classFor = (revenue: number, beforePercent: number, config: ParetoAbcConfig): AbcClass => {
  if (revenue <= 0) return 'C';
  if (beforePercent < config.aPercent) return 'A';
  if (beforePercent < config.aPercent + config.bPercent) return 'B';
  return 'C';
};

const outcome = (
  revenue: number,
  total: number,
  beforePercent: number,
  chosen: AbcClass,
  liftedByTie: boolean,
  config: ParetoAbcConfig,
  explain: boolean,
): ParetoAbc => {
  const share = total > 0 ? (100 * Math.max(0, revenue)) / total : 0;
  const reasons = reasonsIf(explain, () =>
    revenue <= 0
      ? ['ABC C: no revenue in the trailing 12 months']
      : [
          `ABC ${chosen}: 12-month revenue ${fmt(revenue)} is ${fmt(share)}% of the portfolio's ${fmt(total)}; ` +
            `the accounts above it make ${fmt(beforePercent)}% (A up to ${config.aPercent}%, ` +
            `B up to ${config.aPercent + config.bPercent}%)`,
          ...(liftedByTie ? [`ABC ${chosen}: same revenue as an account ranked just above it`] : []),
        ],
  );
  return {
    class: chosen,
    score: round2(share),
    components: { revenueSharePercent: round2(share) },
    inputs: { revenue12m: revenue, cumulativeBeforePercent: round2(beforePercent) },
    reasons,
  };
};
