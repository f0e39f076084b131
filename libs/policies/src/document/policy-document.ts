import type { SalesConfig } from '../shared/account-facts.js';
import type { ColdStartConfig } from '../methods/cold-start/cold-start.config.js';
import type { CompositeConfig } from '../methods/composite-score/composite-score.config.js';
import type { LifecycleConfig } from '../methods/lifecycle/lifecycle.config.js';
import type { ParetoAbcConfig } from '../methods/pareto-abc/pareto-abc.config.js';
import type { PriorityConfig } from '../methods/priority-return/priority-return.config.js';
import type { StarRatingConfig } from '../methods/star-rating/star-rating.config.js';
import type { VolumeProfitConfig } from '../methods/volume-profit/volume-profit.config.js';

export const METHOD_NAMES = [
  'composite',
  'stars',
  'volume_profit',
  'abc',
  'payment_risk',
  'lifecycle',
  'priority',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/** The methods whose result can be an account's tier. */
export const PRIMARY_METHODS = ['composite', 'stars', 'volume_profit', 'abc'] as const;
export type PrimaryMethod = (typeof PRIMARY_METHODS)[number];

/**
 * A policy as a file holds it, every section filled in. A file may leave out whole sections
 * (and `description`); they are taken from the default policy, and the version hash is computed
 * over the completed document, so leaving a section out and writing the default out hash alike.
 */
export type PolicyDocument = Readonly<{
  id: string;
  name: string;
  description: string;
  /** The method whose result is the account's tier. */
  primaryMethod: PrimaryMethod;
  /** The methods an evaluation runs; must include the primary one. */
  methods: readonly MethodName[];
  sales: SalesConfig;
  composite: CompositeConfig;
  coldStart: ColdStartConfig;
  stars: StarRatingConfig;
  volumeProfit: VolumeProfitConfig;
  abc: ParetoAbcConfig;
  lifecycle: LifecycleConfig;
  priority: PriorityConfig;
}>;

export const POLICY_SECTIONS = [
  'sales',
  'composite',
  'coldStart',
  'stars',
  'volumeProfit',
  'abc',
  'lifecycle',
  'priority',
] as const satisfies readonly (keyof PolicyDocument)[];
