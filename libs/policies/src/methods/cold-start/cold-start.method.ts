import type { AccountSnapshot } from '../../portfolio-snapshot.js';
import type { AccountFacts, PortfolioFacts } from '../../shared/account-facts.js';
import type { MethodOutcome } from '../../shared/method-outcome.js';
import { reasonsIf } from '../../shared/reasons.js';
import { fmt, weightedContributions } from '../../shared/numbers.js';
import { FIT_GENES, type ColdStartConfig, type FitGene } from './cold-start.config.js';

/**
 * Fit score (cold start, source 002): how closely an account resembles the accounts we already
 * win with. For each gene, the revenue that accounts with sales bring in with the same value,
 * as a share of the best-selling value of that gene (the leading industry scores 100, one with
 * half its revenue 50, an industry we have never sold to 0). The gene scores are weighted and
 * summed to 0-100. A gene the account has not recorded scores 0.
 */
export type FitScorer = (account: AccountSnapshot) => MethodOutcome;

type GeneRevenue = Readonly<{ byValue: ReadonlyMap<string, number>; best: number }>;

export const fitScorer = (portfolio: PortfolioFacts, config: ColdStartConfig, explain = true): FitScorer => {
  const sellers = portfolio.accounts.filter((facts) => facts.hasSales);
  const revenue = Object.fromEntries(FIT_GENES.map((gene) => [gene, revenueByGene(sellers, gene)])) as Record<
    FitGene,
    GeneRevenue
  >;
  return (account) => {
    if (sellers.length === 0) {
      return {
        score: 0,
        components: {},
        inputs: {},
        reasons: ['fit: no account has sales yet to compare with'],
      };
    }
    const values = {} as Record<FitGene, number>;
    const inputs: Record<string, string | null> = {};
    for (const gene of FIT_GENES) {
      const value = geneValue(account, gene);
      const geneRevenue = revenue[gene];
      inputs[gene] = value;
      const matched = value === null ? 0 : (geneRevenue.byValue.get(value) ?? 0);
      values[gene] = geneRevenue.best > 0 ? (100 * matched) / geneRevenue.best : 0;
    }
    const { components, score } = weightedContributions(FIT_GENES, config.genes, values);
    const reasons = reasonsIf(explain, () => [
      ...FIT_GENES.map((gene) => geneReason(gene, inputs[gene] ?? null, values[gene], components[gene])),
      `fit score ${fmt(score)}`,
    ]);
    return { score, components, inputs, reasons };
  };
};

const geneValue = (account: AccountSnapshot, gene: FitGene): string | null => {
  switch (gene) {
    case 'industry':
      return account.industry;
    case 'region':
      return account.region;
    case 'financialStatus':
      return account.profile.financialStatus ?? null;
    case 'organisationScale':
      return account.profile.organisationScale ?? null;
  }
};

const revenueByGene = (sellers: readonly AccountFacts[], gene: FitGene): GeneRevenue => {
  const byValue = new Map<string, number>();
  for (const facts of sellers) {
    const value = geneValue(facts.account, gene);
    if (value !== null) byValue.set(value, (byValue.get(value) ?? 0) + facts.revenue12m);
  }
  let best = 0;
  for (const total of byValue.values()) best = Math.max(best, total);
  return { byValue, best };
};

const geneReason = (gene: FitGene, value: string | null, geneScore: number, contribution: number): string =>
  value === null
    ? `fit ${gene}: not recorded, scores 0`
    : `fit ${gene} '${value}': ${fmt(geneScore)}% of the revenue of the best-selling ${gene} -> ${fmt(contribution)}`;
