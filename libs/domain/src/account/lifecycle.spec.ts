import {
  canWinBack,
  isInferableTransition,
  isLegalTransition,
  isWinBackTransition,
  nextLegalStages,
} from './lifecycle.js';
import { LIFECYCLE_STAGES, type LifecycleStage } from './vocabulary.js';

const allMoves = LIFECYCLE_STAGES.flatMap((from) => LIFECYCLE_STAGES.map((to) => [from, to] as const));
const legalMoves = (test: (from: LifecycleStage, to: LifecycleStage) => boolean) =>
  allMoves.filter(([from, to]) => test(from, to)).map(([from, to]) => `${from}->${to}`);

describe('lifecycle', () => {
  it('allows exactly the moves of source 002, plus decline back to growth', () => {
    expect(legalMoves(isLegalTransition)).toEqual([
      'acquisition->growth',
      'growth->maturity',
      'maturity->decline',
      'decline->growth',
      'decline->churn',
    ]);
    expect(nextLegalStages('decline')).toEqual(['churn', 'growth']);
  });

  it('leaves churn -> acquisition to the win-back', () => {
    expect(isLegalTransition('churn', 'acquisition')).toBe(false);
    expect(isWinBackTransition('churn', 'acquisition')).toBe(true);
    expect(LIFECYCLE_STAGES.filter(canWinBack)).toEqual(['churn']);
  });

  it('lets an evaluation infer the legal moves and churn from any live stage, never a win-back', () => {
    expect(legalMoves(isInferableTransition)).toEqual([
      'acquisition->growth',
      'acquisition->churn',
      'growth->maturity',
      'growth->churn',
      'maturity->decline',
      'maturity->churn',
      'decline->growth',
      'decline->churn',
    ]);
  });
});
