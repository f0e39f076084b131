import { FIT_GENES } from '../methods/cold-start/cold-start.config.js';
import { COMPOSITE_DIMENSIONS } from '../methods/composite-score/composite-score.config.js';
import type { PolicyDocument } from './policy-document.js';
import type { PolicyIssue } from './policy-validation-error.js';

/** The rules a schema cannot say: how fields of a (schema-valid, completed) policy relate. */
export const semanticIssues = (policy: PolicyDocument): PolicyIssue[] => [
  ...weightIssues('/composite/weights', policy.composite.weights, COMPOSITE_DIMENSIONS, 'dimension'),
  ...weightIssues('/coldStart/genes', policy.coldStart.genes, FIT_GENES, 'gene'),
  ...tierIssues(policy),
  ...methodIssues(policy),
  ...shareIssues(policy),
];

const weightIssues = (
  path: string,
  weights: Readonly<Record<string, number>>,
  names: readonly string[],
  kind: string,
): PolicyIssue[] => {
  const given = Object.keys(weights);
  const missing = names
    .filter((name) => !given.includes(name))
    .map((name) => ({
      path: `${path}/${name}`,
      rule: `required_${kind}`,
      message: `the ${kind} '${name}' needs a weight`,
    }));
  const unknown = given
    .filter((name) => !names.includes(name))
    .map((name) => ({
      path: `${path}/${name}`,
      rule: `unknown_${kind}`,
      message: `'${name}' is not a ${kind}; expected ${names.join(', ')}`,
    }));
  const total = given.reduce((sum, name) => sum + (weights[name] ?? 0), 0);
  const zero =
    total > 0 ? [] : [{ path, rule: 'positive_total', message: 'the weights must sum to more than 0' }];
  return [...missing, ...unknown, ...zero];
};

const tierIssues = ({ composite }: PolicyDocument): PolicyIssue[] => {
  const total = composite.tiers.reduce((sum, tier) => sum + tier.topPercent, 0);
  const issues: PolicyIssue[] =
    total > 100
      ? [
          {
            path: '/composite/tiers',
            rule: 'cutoffs_total',
            message: `the tier cut-offs add up to ${total}%, over 100%`,
          },
        ]
      : [];
  const seen = new Set<string>([composite.restTier]);
  composite.tiers.forEach((tier, i) => {
    if (seen.has(tier.name)) {
      issues.push({
        path: `/composite/tiers/${i}/name`,
        rule: 'unique_tier',
        message: `tier '${tier.name}' is named twice`,
      });
    }
    seen.add(tier.name);
  });
  return issues;
};

const methodIssues = (policy: PolicyDocument): PolicyIssue[] =>
  policy.methods.includes(policy.primaryMethod)
    ? []
    : [
        {
          path: '/primaryMethod',
          rule: 'primary_enabled',
          message: `the primary method '${policy.primaryMethod}' is not among the methods run`,
        },
      ];

const shareIssues = ({ abc, volumeProfit, priority }: PolicyDocument): PolicyIssue[] => [
  ...(abc.aPercent + abc.bPercent > 100
    ? [
        {
          path: '/abc',
          rule: 'shares_total',
          message: `A and B shares add up to ${abc.aPercent + abc.bPercent}%, over 100%`,
        },
      ]
    : []),
  ...(volumeProfit.moderateVolumePercentile > volumeProfit.highVolumePercentile
    ? [
        {
          path: '/volumeProfit/moderateVolumePercentile',
          rule: 'not_above_high',
          message: 'moderate volume must start at or below where high volume starts',
        },
      ]
    : []),
  ...(priority.valueWeight + priority.potentialWeight > 0
    ? []
    : [{ path: '/priority', rule: 'positive_total', message: 'the weights must sum to more than 0' }]),
];
