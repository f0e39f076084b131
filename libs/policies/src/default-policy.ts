import type { PolicyDocument } from './document/policy-document.js';

/**
 * The policy the engine ships with; policies/default.yaml at the repository root is the same
 * document as a file (a test keeps the two at one version hash).
 */
export const DEFAULT_POLICY: PolicyDocument = {
  id: 'default',
  name: 'Default key-account policy',
  description:
    'Composite score (sales 40%, potential 20%, demonstration 20%, winnability 20%) tiers the portfolio: ' +
    'top 5% strategic, next 15% key, next 30% growth, the rest standard. Star rating, volume-profit, ' +
    'Pareto ABC, payment-term risk, lifecycle inference and prioritisation run alongside.',
  primaryMethod: 'composite',
  methods: ['composite', 'stars', 'volume_profit', 'abc', 'payment_risk', 'lifecycle', 'priority'],
  sales: { poorQualityWeight: 0.5 },
  composite: {
    weights: { sales: 40, potential: 20, demonstration: 20, winnability: 20 },
    missingAssessmentScore: 0,
    tiers: [
      { name: 'strategic', topPercent: 5 },
      { name: 'key', topPercent: 15 },
      { name: 'growth', topPercent: 30 },
    ],
    restTier: 'standard',
  },
  coldStart: {
    genes: { industry: 40, region: 20, financialStatus: 20, organisationScale: 20 },
    salesFactor: 0.5,
  },
  stars: {
    levels: {
      four: {
        minSalesPercentile: 80,
        finances: ['sound'],
        minAcumen: 60,
        maxCreditDays: 30,
        goodReceivables: true,
      },
      three: {
        minSalesPercentile: 50,
        finances: ['sound'],
        minAcumen: 60,
        maxCreditDays: 60,
        goodReceivables: false,
      },
      two: {
        minSalesPercentile: 20,
        finances: ['sound', 'average'],
        minAcumen: 40,
        maxCreditDays: 90,
        goodReceivables: false,
      },
    },
    maxLateShare: 0.1,
    missingAcumen: 50,
  },
  volumeProfit: { highVolumePercentile: 70, moderateVolumePercentile: 30, goodMarginPercentile: 50 },
  abc: { aPercent: 80, bPercent: 15 },
  lifecycle: { churnAfterMonths: 12, changeTolerance: 0.05, declineQuarters: 2, maturityMinPercentile: 50 },
  priority: { valueWeight: 60, potentialWeight: 40, missingPotential: 0 },
};
