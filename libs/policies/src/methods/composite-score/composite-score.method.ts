import type { AccountFacts, PortfolioFacts } from '../../shared/account-facts.js';
import { NO_REASONS, reasonsIf } from '../../shared/reasons.js';
import type { MethodOutcome } from '../../shared/method-outcome.js';
import { fmt, weightedContributions } from '../../shared/numbers.js';
import type { ColdStartConfig } from '../cold-start/cold-start.config.js';
import { fitScorer, type FitScorer } from '../cold-start/cold-start.method.js';
import {
  COMPOSITE_DIMENSIONS,
  type CompositeConfig,
  type CompositeDimension,
} from './composite-score.config.js';

export type CompositeOutcome = MethodOutcome & Readonly<{ coldStart: boolean }>;

/**
 * Composite score (综合积分法, source 002): sales as a percentile rank among the accounts with
 * sales, potential, demonstration and winnability from the latest assessment, weighted and summed
 * to 0-100. An account with no sales in the trailing twelve months is a cold start: its sales
 * dimension is its fit score times `salesFactor`. Results are in `portfolio.accounts` order.
 */
export const scoreComposite = (
  portfolio: PortfolioFacts,
  config: CompositeConfig,
  coldStart: ColdStartConfig,
  explain = true,
): CompositeOutcome[] => {
  const weightTotal = COMPOSITE_DIMENSIONS.reduce((total, d) => total + config.weights[d], 0);
  const context: Context = {
    config,
    coldStart,
    fit: fitScorer(portfolio, coldStart, explain),
    explain,
    sellerCount: portfolio.sellerCount,
    poorWeight: portfolio.poorQualityWeight,
    weightTotal,
    weightText: weightTexts(config.weights, weightTotal),
  };
  return portfolio.accounts.map((facts) => scoreAccount(facts, context));
};

type Context = Readonly<{
  explain: boolean;
  config: CompositeConfig;
  coldStart: ColdStartConfig;
  fit: FitScorer;
  sellerCount: number;
  poorWeight: number;
  weightTotal: number;
  /** ` x weight/total)`, the tail of each dimension's share in the reasons. */
  weightText: Record<CompositeDimension, string>;
}>;

/** Every account's reasons show the same weights: their text is written once, not per account. */
const weightTexts = (
  weights: CompositeConfig['weights'],
  total: number,
): Record<CompositeDimension, string> =>
  Object.fromEntries(COMPOSITE_DIMENSIONS.map((d) => [d, ` x ${weights[d]}/${total})`])) as Record<
    CompositeDimension,
    string
  >;

const scoreAccount = (facts: AccountFacts, context: Context): CompositeOutcome => {
  const assessment = facts.account.assessment;
  const missing = context.config.missingAssessmentScore;
  const fit = facts.hasSales ? null : context.fit(facts.account);
  const values: Record<CompositeDimension, number> = {
    sales: fit === null ? facts.salesPercentile : fit.score * context.coldStart.salesFactor,
    potential: assessment?.potential ?? missing,
    demonstration: assessment?.demonstration ?? missing,
    winnability: assessment?.winnability ?? missing,
  };
  const { components, score } = weightedContributions(COMPOSITE_DIMENSIONS, context.config.weights, values);
  const inputs = {
    revenue12m: facts.revenue12m,
    poorQualityRevenue12m: facts.poorQualityRevenue12m,
    salesValue12m: facts.salesValue12m,
    sales: values.sales,
    potential: values.potential,
    demonstration: values.demonstration,
    winnability: values.winnability,
    assessed: assessment !== null,
  };
  const reasons = reasonsIf(context.explain, () => {
    // Each contribution appears twice (its share, then the sum): formatted once.
    const shown = {} as Record<CompositeDimension, string>;
    for (const d of COMPOSITE_DIMENSIONS) shown[d] = fmt(components[d]);
    const share = (d: CompositeDimension): string => `${shown[d]} (${fmt(values[d])}${context.weightText[d]}`;
    const sales = fit === null ? salesByRank(facts, context) : salesByFit(fit, values.sales, context);
    // Joined by hand: an array, a callback and a join per sentence cost more than the sentence.
    let assessedText = '';
    for (const d of ASSESSED) assessedText += `${assessedText === '' ? '' : ', '}${d} ${share(d)}`;
    const unassessed = assessment === null ? `; not assessed yet, each counts as ${missing}` : '';
    let sumText = '';
    for (const d of COMPOSITE_DIMENSIONS) sumText += `${sumText === '' ? '' : ' + '}${shown[d]}`;
    return [
      `sales ${share('sales')}: ${sales.text}`,
      ...sales.fitReasons,
      `${assessedText}${unassessed}`,
      `composite score ${fmt(score)} = ${sumText}`,
    ];
  });
  return { score, components, coldStart: fit !== null, inputs, reasons };
};

const ASSESSED = COMPOSITE_DIMENSIONS.filter((d) => d !== 'sales');

type SalesText = Readonly<{ text: string; fitReasons: readonly string[] }>;

const salesByRank = (facts: AccountFacts, { sellerCount, poorWeight }: Context): SalesText => {
  const poor =
    facts.poorQualityRevenue12m > 0
      ? ` (${fmt(facts.poorQualityRevenue12m)} of it through poor-quality channels, counted at ${poorWeight}: ${fmt(facts.salesValue12m)})`
      : '';
  return {
    text: `12-month revenue ${fmt(facts.revenue12m)}${poor} ranks at percentile ${fmt(facts.salesPercentile)} among ${sellerCount} accounts with sales`,
    fitReasons: NO_REASONS,
  };
};

const salesByFit = (fit: MethodOutcome, value: number, context: Context): SalesText => ({
  text: `no sales in the trailing 12 months; cold start: fit score ${fmt(fit.score)} x ${context.coldStart.salesFactor} = ${fmt(value)}`,
  fitReasons: fit.reasons,
});
