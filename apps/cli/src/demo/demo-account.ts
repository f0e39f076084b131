import {
  ASSESSMENT_DIMENSIONS,
  type AccountProfile,
  type AssessmentScores,
  type PaymentMode,
  type SalesChannel,
} from '@kam/domain';
import type { SeededRandom } from './random.js';

const INDUSTRIES = [
  ['manufacturing', 30],
  ['retail', 18],
  ['healthcare', 10],
  ['logistics', 10],
  ['energy', 8],
  ['construction', 8],
  ['education', 6],
  ['finance', 5],
  ['agriculture', 5],
] as const;
const REGIONS = [
  ['east', 35],
  ['south', 25],
  ['north', 20],
  ['west', 12],
  ['northeast', 8],
] as const;
const SOURCES = ['referral', 'trade_show', 'tender', 'inbound', 'partner'] as const;
const NAME_HEADS = [
  'Hua',
  'Zhong',
  'Jin',
  'Tian',
  'Xin',
  'Long',
  'Feng',
  'Heng',
  'Rui',
  'Sheng',
  'Da',
  'Kai',
];
const NAME_TAILS = [
  'Tooling',
  'Logistics',
  'Medical',
  'Energy',
  'Foods',
  'Textiles',
  'Electric',
  'Materials',
];
const PEOPLE = [
  'li.wei',
  'wang.fang',
  'zhang.min',
  'liu.yang',
  'chen.jing',
  'yang.lei',
  'zhao.li',
  'huang.tao',
];

const PAYMENT_MODE_WEIGHTS: readonly (readonly [PaymentMode, number])[] = [
  ['prepayment_and_cash_before_delivery', 12],
  ['cash_before_delivery', 25],
  ['payment_against_bill_of_lading', 10],
  ['open_credit_with_guarantee', 23],
  ['open_credit', 30],
];
const CREDIT_DAYS: Readonly<Record<PaymentMode, readonly [number, number]>> = {
  prepayment_and_cash_before_delivery: [0, 0],
  cash_before_delivery: [0, 0],
  payment_against_bill_of_lading: [15, 30],
  open_credit_with_guarantee: [30, 60],
  open_credit: [45, 90],
};

/** Month indices (from the span's first month) at which the account's real trajectory turns. */
export type Trajectory = Readonly<{
  registeredAt: number;
  growthAt: number;
  maturityAt: number;
  declineAt: number | null;
  churnAt: number | null;
  winBackAt: number | null;
}>;

/** One synthetic account's whole story, drawn once from its own seeded generator. */
export type DemoAccount = Readonly<{
  index: number;
  accountId: string;
  name: string;
  industry: string;
  region: string;
  source: string;
  /** Monthly revenue at maturity (CNY): lognormal, so a few accounts make most of the revenue. */
  size: number;
  margin: number;
  poorQualityShare: number;
  paymentMode: PaymentMode;
  creditDays: number;
  /** Probability that an invoice is paid late, and by how many days at most. */
  lateProbability: number;
  maxDaysLate: number;
  team: Readonly<{ owner: string; regional: string; solution: string | null }>;
  assessment: AssessmentScores;
  profile: AccountProfile;
  trajectory: Trajectory;
  /** How likely the team records a stage change itself rather than leaving it to evaluation. */
  diligence: number;
  channel: SalesChannel;
}>;

const drawTrajectory = (random: SeededRandom, months: number): Trajectory => {
  const registeredAt = random.chance(0.35) ? random.int(0, 2) : random.int(0, Math.max(0, months - 4));
  const growthAt = registeredAt + random.int(1, 4);
  const maturityAt = growthAt + random.int(5, 15);
  const declineAt = random.chance(0.35) ? maturityAt + random.int(3, 18) : null;
  const churnAt = declineAt !== null && random.chance(0.55) ? declineAt + random.int(3, 9) : null;
  const winBackAt = churnAt !== null && random.chance(0.3) ? churnAt + random.int(13, 20) : null;
  return { registeredAt, growthAt, maturityAt, declineAt, churnAt, winBackAt };
};

const drawAssessment = (random: SeededRandom, size: number): AssessmentScores => {
  const lift = Math.min(30, Math.log10(Math.max(size, 1)) * 4);
  const score = (): number => Math.max(0, Math.min(100, Math.round(random.normal(45 + lift, 15))));
  return Object.fromEntries(
    ASSESSMENT_DIMENSIONS.map((dimension) => [dimension, score()]),
  ) as AssessmentScores;
};

export const drawDemoAccount = (
  random: SeededRandom,
  index: number,
  accountId: string,
  months: number,
): DemoAccount => {
  const size = Math.round(Math.exp(random.normal(11.2, 1.25)));
  const paymentMode = random.weighted(PAYMENT_MODE_WEIGHTS);
  const [minCredit, maxCredit] = CREDIT_DAYS[paymentMode];
  const latePayer = random.chance(0.2);
  const financialStatus = random.weighted([
    ['sound', 55],
    ['average', 33],
    ['weak', 12],
  ] as const);
  return {
    index,
    accountId,
    name: `${random.pick(NAME_HEADS)}${random.pick(NAME_HEADS).toLowerCase()} ${random.pick(NAME_TAILS)} ${index + 1}`,
    industry: random.weighted(INDUSTRIES),
    region: random.weighted(REGIONS),
    source: random.pick(SOURCES),
    size,
    margin: Math.max(0.03, Math.min(0.55, random.normal(0.24, 0.08))),
    poorQualityShare: random.chance(0.1) ? random.next() * 0.4 : 0,
    paymentMode,
    creditDays: random.int(minCredit, maxCredit),
    lateProbability: latePayer ? 0.5 + random.next() * 0.4 : random.next() * 0.08,
    maxDaysLate: latePayer ? random.int(20, 120) : random.int(1, 15),
    team: {
      owner: random.pick(PEOPLE),
      regional: random.pick(PEOPLE),
      solution: size > 100_000 ? random.pick(PEOPLE) : null,
    },
    assessment: drawAssessment(random, size),
    profile: {
      organisationScale: size > 200_000 ? 'large' : size > 50_000 ? 'medium' : 'small',
      employees: Math.round(size / 400) + random.int(20, 200),
      financialStatus,
      industryReputation: random.pick(['leading', 'established', 'emerging']),
      competitorCooperation: random.pick(['none', 'occasional', 'primary supplier is a competitor']),
      channelCapability: {
        regionalWarehouses: random.int(0, 6),
        channelWidening: random.chance(0.4),
        channelInvestment: random.pick(['low', 'medium', 'high']),
      },
    },
    trajectory: drawTrajectory(random, months),
    diligence: 0.4 + random.next() * 0.5,
    channel: random.weighted([
      ['direct', 55],
      ['distributor', 35],
      ['online', 10],
    ] as const),
  };
};
