import type { LifecycleStage } from './vocabulary.js';

/**
 * The lifecycle of source 002: acquisition -> growth -> maturity -> decline -> churn, and a declining
 * account can recover into growth. Churn -> acquisition is deliberately absent: it is a win-back,
 * recorded as its own event (`AccountWonBack`) so win-backs can be counted and explained.
 */
export const LIFECYCLE_TRANSITIONS: Readonly<Record<LifecycleStage, readonly LifecycleStage[]>> = {
  acquisition: ['growth'],
  growth: ['maturity'],
  maturity: ['decline'],
  decline: ['churn', 'growth'],
  churn: [],
};

export const isLegalTransition = (from: LifecycleStage, to: LifecycleStage): boolean =>
  LIFECYCLE_TRANSITIONS[from].includes(to);

export const nextLegalStages = (from: LifecycleStage): readonly LifecycleStage[] =>
  LIFECYCLE_TRANSITIONS[from];

/** Only a churned account can be won back, and it restarts at acquisition. */
export const canWinBack = (stage: LifecycleStage): boolean => stage === 'churn';

export const isWinBackTransition = (from: LifecycleStage, to: LifecycleStage): boolean =>
  canWinBack(from) && to === 'acquisition';

/**
 * What an evaluation run may infer: the legal transitions, plus churn from any stage. Source 002
 * calls an account churned after twelve months without orders whatever stage it was in; walking a
 * lapsed growth account through maturity and decline would record stages it never had. Inference
 * never wins an account back: a churned account that orders again is a WinBackAccount command.
 */
export const isInferableTransition = (from: LifecycleStage, to: LifecycleStage): boolean =>
  isLegalTransition(from, to) || (to === 'churn' && from !== 'churn');
