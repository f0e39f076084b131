import { isInferableTransition, type LifecycleStage } from '@kam/domain';
import type { AccountFacts, PortfolioFacts } from '../../shared/account-facts.js';
import {
  addMonths,
  isoDay,
  monthOfDate,
  parseTime,
  quarterOfMonth,
  quarterStart,
} from '../../shared/calendar.js';
import { reasonsIf } from '../../shared/reasons.js';
import { fmt } from '../../shared/numbers.js';
import type { LifecycleConfig } from './lifecycle.config.js';
import { revenueTrend, trendText } from './revenue-trend.js';

export type LifecycleInference = Readonly<{
  currentStage: LifecycleStage;
  /** The stage after this evaluation: the inferred one when it may be inferred, else the current one. */
  stage: LifecycleStage;
  /** What the revenue trend points to, legal or not; null when it points nowhere. */
  signal: LifecycleStage | null;
  changed: boolean;
  /** A churned account ordered again: the evaluator records AccountWonBack (churn -> acquisition). */
  winBack: boolean;
  /** The team set the stage by hand recently, so nothing was inferred. */
  manualHold: boolean;
  /** The complete quarters the trend read, oldest first (the same labels for every account). */
  quarters: readonly string[];
  quarterRevenue: readonly number[];
  reasons: readonly string[];
}>;

/** What the trend or the order dates point to, and the sentence that says why (built only when reasons are asked for). */
type Signal = Readonly<{ stage: LifecycleStage | null; winBack: boolean; why: () => string }>;

/**
 * Lifecycle inference from the revenue trend (source 002), one step per evaluation:
 * 1. A stage the team set by hand on or after the start of the previous quarter stands: inference
 *    resumes only once a full quarter of revenue after the decision is known.
 * 2. An account that has never ordered stays where it is.
 * 3. Last order on or before the same instant `churnAfterMonths` months before `asOf` -> churn.
 * 4. A churned account with an order after it churned -> won back (acquisition, `winBack`).
 * 5. Revenue declining `declineQuarters` quarters running -> decline; rising -> growth; stable at
 *    or above the maturity percentile -> maturity.
 * The signal is taken only when the domain lets an evaluation infer the move
 * (`isInferableTransition`: the lifecycle's legal moves, plus churn from any stage); otherwise
 * the stage stays, with a reason. The win-back is the domain's own command, so it is reported as
 * `winBack` rather than checked here.
 */
export const inferLifecycle = (
  portfolio: PortfolioFacts,
  config: LifecycleConfig,
  explain = true,
): LifecycleInference[] => {
  const context: Context = {
    explain,
    holdFrom: quarterStart(quarterOfMonth(monthOfDate(portfolio.asOf)) - 1).getTime(),
    churnBy: addMonths(portfolio.asOf, -config.churnAfterMonths).getTime(),
    labels: portfolio.quarterLabels,
    tolerance: `${fmt(config.changeTolerance * 100, 1)}%`,
    config,
  };
  return portfolio.accounts.map((facts) => inferAccount(facts, context));
};

type Context = Readonly<{
  explain: boolean;
  holdFrom: number;
  churnBy: number;
  labels: readonly string[];
  /** The change tolerance as the reasons show it, the same for every account. */
  tolerance: string;
  config: LifecycleConfig;
}>;

const inferAccount = (facts: AccountFacts, context: Context): LifecycleInference => {
  const current = facts.account.stage;
  const outcome = decideStage(facts, context);
  return {
    currentStage: current,
    stage: outcome.stage,
    signal: outcome.signal,
    changed: outcome.stage !== current,
    winBack: outcome.winBack,
    manualHold: outcome.manualHold,
    quarters: context.labels,
    quarterRevenue: facts.quarterRevenue,
    reasons: reasonsIf(context.explain, outcome.why),
  };
};

type StageOutcome = Readonly<{
  stage: LifecycleStage;
  signal: LifecycleStage | null;
  winBack: boolean;
  manualHold: boolean;
  why: () => readonly string[];
}>;

const decideStage = (facts: AccountFacts, context: Context): StageOutcome => {
  const { account } = facts;
  const current = account.stage;
  const changedAt =
    account.stageBasis === 'manual' ? parseTime(account.stageChangedAt, 'stageChangedAt') : null;
  if (changedAt !== null && changedAt >= context.holdFrom) {
    const why = () => [
      `stage ${current} was set by the team on ${isoDay(changedAt)}; manual changes stand until a full quarter after them is complete`,
    ];
    return { stage: current, signal: null, winBack: false, manualHold: true, why };
  }
  const signal = signalOf(facts, context);
  const to = signal.stage;
  if (to === null || to === current) {
    return {
      stage: current,
      signal: to,
      winBack: false,
      manualHold: false,
      why: () => [signal.why(), `stage ${current} kept`],
    };
  }
  if (signal.winBack || isInferableTransition(current, to)) {
    const why = () => [signal.why(), `stage ${current} -> ${to}`];
    return { stage: to, signal: to, winBack: signal.winBack, manualHold: false, why };
  }
  const why = () => [
    signal.why(),
    `stage ${current} kept: ${current} -> ${to} is not a move an evaluation may infer`,
  ];
  return { stage: current, signal: to, winBack: false, manualHold: false, why };
};

const signalOf = (facts: AccountFacts, context: Context): Signal => {
  const { churnBy, config } = context;
  const { account } = facts;
  if (account.lastOrderAt === null) return { stage: null, winBack: false, why: () => 'no orders yet' };
  const lastOrder = parseTime(account.lastOrderAt, 'lastOrderAt');
  if (lastOrder <= churnBy) {
    const months = config.churnAfterMonths;
    const why = () => `no order since ${isoDay(lastOrder)}: ${months} months without orders -> churn`;
    return { stage: 'churn', winBack: false, why };
  }
  if (account.stage === 'churn') {
    const churnedAt = parseTime(account.stageChangedAt, 'stageChangedAt');
    if (lastOrder > churnedAt) {
      const why = () => `ordered on ${isoDay(lastOrder)} after churning on ${isoDay(churnedAt)}: won back`;
      return { stage: 'acquisition', winBack: true, why };
    }
  }
  return trendSignal(facts, context);
};

const trendSignal = (facts: AccountFacts, { labels, tolerance, config }: Context): Signal => {
  const trend = revenueTrend(facts.quarterRevenue, config.changeTolerance, config.declineQuarters);
  const high = facts.salesPercentile >= config.maturityMinPercentile;
  const stage =
    trend === 'declining'
      ? 'decline'
      : trend === 'rising'
        ? 'growth'
        : trend === 'stable' && high
          ? 'maturity'
          : null;
  const why = (): string => {
    const shown = trendText(labels, facts.quarterRevenue, config.declineQuarters + 1);
    const percentile = fmt(facts.salesPercentile);
    switch (trend) {
      case 'declining':
        return `revenue fell ${config.declineQuarters} quarters running (${shown}) -> decline`;
      case 'rising':
        return `revenue rose by more than ${tolerance} last quarter (${shown}) -> growth`;
      case 'stable':
        return high
          ? `revenue stable within ${tolerance} (${shown}) at sales percentile ${percentile} -> maturity`
          : `revenue stable (${shown}) but sales percentile ${percentile} < ${config.maturityMinPercentile}: no signal`;
      case 'none':
        return `revenue trend shows no signal (${shown})`;
    }
  };
  return { stage, winBack: false, why };
};
