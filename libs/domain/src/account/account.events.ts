import type { Event } from '../shared/event.js';
import type { Money } from '../shared/money.js';
import type {
  ActivityStrategy,
  AssessmentScores,
  InteractionKind,
  LifecycleStage,
  PaymentMode,
  PaymentRiskGrade,
  SalesChannel,
  Scenario,
  TeamRole,
  Tier,
} from './vocabulary.js';

/** Every event names the account and when it happened in business time (`occurredAt`, ISO-8601). */
type Fact<Data> = Data & { accountId: string; occurredAt: string };

export type AccountRegistered = Event<
  'AccountRegistered',
  Fact<{ name: string; industry: string; region: string; source: string | null }>
>;

/** Background profile and product fit (source 000); each update carries only the fields it changes. */
export type AccountProfile = Readonly<{
  organisationScale?: string;
  employees?: number;
  industryReputation?: string;
  strategicDirection?: string;
  financialStatus?: 'sound' | 'average' | 'weak';
  competitorCooperation?: string;
  channelCapability?: Readonly<{
    regionalWarehouses: number;
    channelWidening: boolean;
    channelInvestment: string;
  }>;
  productFit?: Readonly<{
    rAndD: number;
    quality: number;
    price: number;
    fastDelivery: number;
    afterSales: number;
    policiesMatch: boolean;
  }>;
}>;
export type AccountProfileUpdated = Event<'AccountProfileUpdated', Fact<{ profile: AccountProfile }>>;

export type OrderRecorded = Event<
  'OrderRecorded',
  Fact<{ orderId: string; amount: Money; grossProfit: Money; channel: SalesChannel }>
>;

export type InvoiceIssued = Event<'InvoiceIssued', Fact<{ invoiceId: string; amount: Money; dueAt: string }>>;

/** `daysLate` is derived when recorded (paid date minus due date, never below zero). */
export type PaymentReceived = Event<
  'PaymentReceived',
  Fact<{ invoiceId: string; amount: Money; dueAt: string; daysLate: number }>
>;

export type PaymentTermsAgreed = Event<
  'PaymentTermsAgreed',
  Fact<{ mode: PaymentMode; riskGrade: PaymentRiskGrade; creditDays: number }>
>;

export type AssessmentRecorded = Event<
  'AssessmentRecorded',
  Fact<{ scores: AssessmentScores; assessor: string; note: string | null }>
>;

export type TeamMemberAssigned = Event<'TeamMemberAssigned', Fact<{ role: TeamRole; member: string }>>;
export type TeamMemberUnassigned = Event<'TeamMemberUnassigned', Fact<{ role: TeamRole; member: string }>>;

/** A person's stage change. `override` marks a move outside the lifecycle, which needs a reason. */
export type LifecycleStageChanged = Event<
  'LifecycleStageChanged',
  Fact<{ from: LifecycleStage; to: LifecycleStage; override: boolean; reason: string }>
>;

/** A stage change inferred by an evaluation run from the revenue trend (source 002). */
export type LifecycleStageInferred = Event<
  'LifecycleStageInferred',
  Fact<{
    from: LifecycleStage;
    to: LifecycleStage;
    runId: string;
    policyId: string;
    policyVersion: string;
    reasons: readonly string[];
  }>
>;

/** A churned account that orders again is won back: its stage restarts at acquisition. */
export type AccountWonBack = Event<
  'AccountWonBack',
  Fact<{ from: 'churn'; to: 'acquisition'; reason: string }>
>;

export type InteractionLogged = Event<
  'InteractionLogged',
  Fact<{
    interactionId: string;
    kind: InteractionKind;
    scenario: Scenario | null;
    summary: string;
    participants: readonly string[];
  }>
>;

export type KeyActivityPlanned = Event<
  'KeyActivityPlanned',
  Fact<{
    activityId: string;
    title: string;
    strategy: ActivityStrategy;
    dueAt: string;
    assignee: string | null;
  }>
>;
export type KeyActivityCompleted = Event<
  'KeyActivityCompleted',
  Fact<{ activityId: string; outcome: string }>
>;
export type KeyActivityReviewed = Event<
  'KeyActivityReviewed',
  Fact<{ activityId: string; evaluation: string; revisedDueAt: string | null }>
>;

/**
 * A tier change recorded by an evaluation run, with everything needed to explain and reproduce it.
 * `occurredAt` is the run's as-of date.
 */
export type AccountReclassified = Event<
  'AccountReclassified',
  Fact<{
    tier: Tier;
    previousTier: Tier | null;
    score: number;
    components: Readonly<Record<string, number>>;
    reasons: readonly string[];
    policyId: string;
    policyVersion: string;
    runId: string;
  }>
>;

export type AccountEvent =
  | AccountRegistered
  | AccountProfileUpdated
  | OrderRecorded
  | InvoiceIssued
  | PaymentReceived
  | PaymentTermsAgreed
  | AssessmentRecorded
  | TeamMemberAssigned
  | TeamMemberUnassigned
  | LifecycleStageChanged
  | LifecycleStageInferred
  | AccountWonBack
  | InteractionLogged
  | KeyActivityPlanned
  | KeyActivityCompleted
  | KeyActivityReviewed
  | AccountReclassified;

export type AccountEventType = AccountEvent['type'];

/** The current schema version of each event type; the upcasters read older versions into these. */
export const ACCOUNT_EVENT_SCHEMA_VERSIONS: Readonly<Record<AccountEventType, number>> = {
  AccountRegistered: 1,
  AccountProfileUpdated: 1,
  OrderRecorded: 1,
  InvoiceIssued: 1,
  PaymentReceived: 1,
  PaymentTermsAgreed: 1,
  AssessmentRecorded: 1,
  TeamMemberAssigned: 1,
  TeamMemberUnassigned: 1,
  LifecycleStageChanged: 1,
  LifecycleStageInferred: 1,
  AccountWonBack: 1,
  InteractionLogged: 1,
  KeyActivityPlanned: 1,
  KeyActivityCompleted: 1,
  KeyActivityReviewed: 1,
  AccountReclassified: 1,
};

export const ACCOUNT_EVENT_TYPES = Object.keys(ACCOUNT_EVENT_SCHEMA_VERSIONS) as readonly AccountEventType[];

export const isAccountEventType = (type: string): type is AccountEventType =>
  Object.hasOwn(ACCOUNT_EVENT_SCHEMA_VERSIONS, type);

export const ACCOUNT_STREAM_PREFIX = 'account-';
export const accountStreamId = (accountId: string): string => `${ACCOUNT_STREAM_PREFIX}${accountId}`;
