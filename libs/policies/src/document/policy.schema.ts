import { METHOD_NAMES, PRIMARY_METHODS } from './policy-document.js';

/**
 * The policy file's JSON Schema (draft 2020-12). It checks shape and ranges; the rules that
 * relate fields to each other (weights covering the dimensions, cut-offs adding up) are in
 * semantic-rules.ts. Sections are optional: what a file leaves out comes from the default policy.
 */
const percent = { type: 'number', minimum: 0, maximum: 100 } as const;
const fraction = { type: 'number', minimum: 0, maximum: 1 } as const;
const weight = { type: 'number', minimum: 0 } as const;
const weightMap = { type: 'object', additionalProperties: weight } as const;
const text = { type: 'string', minLength: 1 } as const;

const section = (properties: Readonly<Record<string, object>>): object => ({
  type: 'object',
  additionalProperties: false,
  properties,
});

const starLevel = {
  type: 'object',
  additionalProperties: false,
  required: ['minSalesPercentile', 'finances', 'minAcumen', 'maxCreditDays', 'goodReceivables'],
  properties: {
    minSalesPercentile: percent,
    finances: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', enum: ['sound', 'average', 'weak'] },
    },
    minAcumen: percent,
    maxCreditDays: { type: 'integer', minimum: 0 },
    goodReceivables: { type: 'boolean' },
  },
} as const;

const tierCutoff = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'topPercent'],
  properties: { name: text, topPercent: percent },
} as const;

export const POLICY_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://kam-ledger.local/schemas/policy.json',
  title: 'kam-ledger classification policy',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name'],
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
    name: text,
    description: { type: 'string' },
    primaryMethod: { type: 'string', enum: PRIMARY_METHODS },
    methods: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: METHOD_NAMES } },
    sales: section({ poorQualityWeight: fraction }),
    composite: section({
      weights: weightMap,
      missingAssessmentScore: percent,
      tiers: { type: 'array', items: tierCutoff },
      restTier: text,
    }),
    coldStart: section({ genes: weightMap, salesFactor: fraction }),
    stars: section({
      levels: {
        type: 'object',
        additionalProperties: false,
        required: ['four', 'three', 'two'],
        properties: { four: starLevel, three: starLevel, two: starLevel },
      },
      maxLateShare: fraction,
      missingAcumen: percent,
    }),
    volumeProfit: section({
      highVolumePercentile: percent,
      moderateVolumePercentile: percent,
      goodMarginPercentile: percent,
    }),
    abc: section({ aPercent: percent, bPercent: percent }),
    lifecycle: section({
      churnAfterMonths: { type: 'integer', minimum: 1, maximum: 120 },
      changeTolerance: fraction,
      declineQuarters: { type: 'integer', minimum: 1, maximum: 4 },
      maturityMinPercentile: percent,
    }),
    priority: section({ valueWeight: weight, potentialWeight: weight, missingPotential: percent }),
  },
} as const;
