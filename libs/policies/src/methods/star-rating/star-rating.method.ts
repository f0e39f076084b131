import type { AccountFacts, PortfolioFacts } from '../../shared/account-facts.js';
import type { MethodOutcome } from '../../shared/method-outcome.js';
import { reasonsIf } from '../../shared/reasons.js';
import { fmt } from '../../shared/numbers.js';
import {
  STAR_TREATMENTS,
  type FinancialStatus,
  type StarLevelRequirements,
  type StarRatingConfig,
  type Stars,
} from './star-rating.config.js';

export type StarRating = MethodOutcome & Readonly<{ stars: Stars; treatment: readonly string[] }>;

type Traits = Readonly<{
  salesPercentile: number;
  finances: FinancialStatus;
  acumen: number;
  creditDays: number;
  overdue: number;
  lateShare: number;
  goodReceivables: boolean;
}>;

/**
 * Star rating 1-4 (source 001): the highest level whose every requirement the account meets,
 * checked from four stars down; one star needs nothing. Score = stars. The reasons say what the
 * account met and, for the level above, what it missed.
 */
export const rateStars = (
  portfolio: PortfolioFacts,
  config: StarRatingConfig,
  explain = true,
): StarRating[] => portfolio.accounts.map((facts) => rateAccount(facts, config, explain));

const LEVELS = [
  [4, 'four'],
  [3, 'three'],
  [2, 'two'],
] as const;

const rateAccount = (facts: AccountFacts, config: StarRatingConfig, explain: boolean): StarRating => {
  const traits = traitsOf(facts, config);
  const earned = LEVELS.find(([, key]) => meets(traits, config.levels[key]));
  const stars: Stars = earned?.[0] ?? 1;
  const treatment = STAR_TREATMENTS[stars];
  const reasons = reasonsIf(explain, () => {
    const reasons = LEVELS.filter(([level]) => level > stars).map(
      ([level, key]) => `not ${level} stars: ${misses(traits, config.levels[key]).join('; ')}`,
    );
    reasons.push(
      earned
        ? `${stars} stars: every requirement met (${metText(traits, config.levels[earned[1]])})`
        : '1 star: no higher level met',
    );
    reasons.push(`treatment: ${treatment.join(', ')}`);
    return reasons;
  });
  return { stars, treatment, score: stars, components: { stars }, inputs: traits, reasons };
};

const traitsOf = (facts: AccountFacts, config: StarRatingConfig): Traits => {
  const payments = facts.paymentsLate12m + facts.paymentsOnTime12m;
  const lateShare = payments === 0 ? 0 : facts.paymentsLate12m / payments;
  const overdue = facts.account.overdueReceivables;
  return {
    salesPercentile: facts.salesPercentile,
    finances: facts.account.profile.financialStatus ?? 'average',
    acumen: facts.account.assessment?.acumen ?? config.missingAcumen,
    creditDays: facts.account.creditDays ?? 0,
    overdue,
    lateShare,
    goodReceivables: overdue <= 0 && lateShare <= config.maxLateShare,
  };
};

type Check = Readonly<{
  passes: (traits: Traits, level: StarLevelRequirements) => boolean;
  miss: (traits: Traits, level: StarLevelRequirements) => string;
}>;

const CHECKS: readonly Check[] = [
  {
    passes: (t, l) => t.salesPercentile >= l.minSalesPercentile,
    miss: (t, l) => `sales percentile ${fmt(t.salesPercentile)} < ${l.minSalesPercentile}`,
  },
  {
    passes: (t, l) => l.finances.includes(t.finances),
    miss: (t, l) => `finances '${t.finances}' not ${l.finances.join(' or ')}`,
  },
  { passes: (t, l) => t.acumen >= l.minAcumen, miss: (t, l) => `acumen ${t.acumen} < ${l.minAcumen}` },
  {
    passes: (t, l) => t.creditDays <= l.maxCreditDays,
    miss: (t, l) => `needs ${t.creditDays} days' credit > ${l.maxCreditDays}`,
  },
  {
    passes: (t, l) => !l.goodReceivables || t.goodReceivables,
    miss: (t) =>
      `receivables not good (overdue ${fmt(t.overdue)}, ${fmt(t.lateShare * 100)}% of payments late)`,
  },
];

const meets = (traits: Traits, level: StarLevelRequirements): boolean =>
  CHECKS.every((check) => check.passes(traits, level));

const misses = (traits: Traits, level: StarLevelRequirements): string[] =>
  CHECKS.filter((check) => !check.passes(traits, level)).map((check) => check.miss(traits, level));

const metText = (traits: Traits, level: StarLevelRequirements): string =>
  [
    `sales percentile ${fmt(traits.salesPercentile)} >= ${level.minSalesPercentile}`,
    `finances ${traits.finances}`,
    `acumen ${traits.acumen} >= ${level.minAcumen}`,
    `credit ${traits.creditDays} days <= ${level.maxCreditDays}`,
    ...(level.goodReceivables ? ['receivables good'] : []),
  ].join(', ');
