import type { MethodName, PolicyDocument } from '../document/policy-document.js';
import { policyVersion } from '../document/policy-version.js';
import { scoreComposite } from '../methods/composite-score/composite-score.method.js';
import { inferLifecycle } from '../methods/lifecycle/lifecycle-inference.method.js';
import { classifyAbc } from '../methods/pareto-abc/pareto-abc.method.js';
import { gradePaymentRisk } from '../methods/payment-risk/payment-risk.method.js';
import { prioritise } from '../methods/priority-return/priority-return.method.js';
import { rateStars } from '../methods/star-rating/star-rating.method.js';
import { classifyVolumeProfit } from '../methods/volume-profit/volume-profit.method.js';
import type { PortfolioSnapshot } from '../portfolio-snapshot.js';
import { buildPortfolioFacts, type PortfolioFacts } from '../shared/account-facts.js';
import type {
  AccountEvaluation,
  EvaluationOptions,
  MethodResults,
  MethodsWanted,
  PortfolioEvaluation,
  ReasonsWanted,
} from './evaluation.types.js';
import { primaryTiers } from './primary-tier.js';

/**
 * Runs the policy's methods over the whole portfolio (rankings are relative, so it needs every
 * account at once) and gives each account its tier from the primary method, its stage from
 * lifecycle inference, and every method's result. Pure and deterministic: accounts come back
 * sorted by id whatever the snapshot's order. O(n log n) in the number of accounts.
 */
export const evaluatePortfolio = (
  snapshot: PortfolioSnapshot,
  policy: PolicyDocument,
  options: EvaluationOptions = {},
): PortfolioEvaluation => {
  const portfolio = buildPortfolioFacts(snapshot, policy.sales);
  const results = runMethods(portfolio, policy, options.reasons ?? 'all', options.methods ?? 'all');
  const { tiers, cohort } = primaryTiers(policy, results);
  const accounts = portfolio.accounts.map((facts, i): AccountEvaluation => {
    const methods = results[i] ?? {};
    const tier = tiers[i];
    const account = facts.account;
    return {
      accountId: account.accountId,
      tier: tier?.tier ?? '',
      previousTier: account.tier,
      score: tier?.score ?? 0,
      stage: methods.lifecycle?.stage ?? account.stage,
      previousStage: account.stage,
      winBack: methods.lifecycle?.winBack ?? false,
      components: tier?.components ?? {},
      inputs: tier?.inputs ?? {},
      reasons: tier?.reasons ?? [],
      methods,
    };
  });
  return {
    asOf: snapshot.asOf,
    policyId: policy.id,
    policyVersion: policyVersion(policy),
    primaryMethod: policy.primaryMethod,
    portfolioSize: accounts.length,
    cohort,
    accounts,
  };
};

const runMethods = (
  portfolio: PortfolioFacts,
  policy: PolicyDocument,
  reasons: ReasonsWanted,
  methods: MethodsWanted,
): MethodResults[] => {
  const recorded = (method: MethodName): boolean => method === policy.primaryMethod || method === 'lifecycle';
  const runs = new Set(methods === 'all' ? policy.methods : policy.methods.filter(recorded));
  // The tier's and the stage's reasons are recorded with every change, so they are always built.
  const explain = (method: MethodName): boolean => reasons === 'all' || recorded(method);
  const composite = runs.has('composite')
    ? scoreComposite(portfolio, policy.composite, policy.coldStart, explain('composite'))
    : [];
  const stars = runs.has('stars') ? rateStars(portfolio, policy.stars, explain('stars')) : [];
  const volumeProfit = runs.has('volume_profit')
    ? classifyVolumeProfit(portfolio, policy.volumeProfit, explain('volume_profit'))
    : [];
  const abc = runs.has('abc') ? classifyAbc(portfolio, policy.abc, explain('abc')) : [];
  const paymentRisk = runs.has('payment_risk') ? gradePaymentRisk(portfolio, explain('payment_risk')) : [];
  const lifecycle = runs.has('lifecycle')
    ? inferLifecycle(portfolio, policy.lifecycle, explain('lifecycle'))
    : [];
  const priority = runs.has('priority') ? prioritise(portfolio, policy.priority, explain('priority')) : [];
  // Absent methods leave no `undefined` keys behind, so results survive a JSON round trip unchanged.
  return portfolio.accounts.map((_, i) => {
    const results: Mutable<MethodResults> = {};
    if (composite[i]) results.composite = composite[i];
    if (stars[i]) results.stars = stars[i];
    if (volumeProfit[i]) results.volumeProfit = volumeProfit[i];
    if (abc[i]) results.abc = abc[i];
    if (paymentRisk[i]) results.paymentRisk = paymentRisk[i];
    if (lifecycle[i]) results.lifecycle = lifecycle[i];
    if (priority[i]) results.priority = priority[i];
    return results;
  });
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
