import type { Command } from '../shared/event.js';
import type { Money } from '../shared/money.js';
import type { AccountProfile } from './account.events.js';
import type {
  ActivityStrategy,
  AssessmentScores,
  InteractionKind,
  LifecycleStage,
  PaymentMode,
  SalesChannel,
  Scenario,
  TeamRole,
  Tier,
} from './vocabulary.js';

type On<Data> = Data & { accountId: string; occurredAt: string };

export type RegisterAccount = Command<
  'RegisterAccount',
  On<{ name: string; industry: string; region: string; source?: string | null }>
>;
export type UpdateProfile = Command<'UpdateProfile', On<{ profile: AccountProfile }>>;
export type RecordOrder = Command<
  'RecordOrder',
  On<{ orderId: string; amount: Money; grossProfit: Money; channel?: SalesChannel }>
>;
export type IssueInvoice = Command<'IssueInvoice', On<{ invoiceId: string; amount: Money; dueAt: string }>>;
/** `occurredAt` is the date the payment arrived. */
export type ReceivePayment = Command<
  'ReceivePayment',
  On<{ invoiceId: string; amount: Money; dueAt?: string }>
>;
export type AgreePaymentTerms = Command<'AgreePaymentTerms', On<{ mode: PaymentMode; creditDays?: number }>>;
export type RecordAssessment = Command<
  'RecordAssessment',
  On<{ scores: AssessmentScores; assessor: string; note?: string | null }>
>;
export type AssignTeamMember = Command<'AssignTeamMember', On<{ role: TeamRole; member: string }>>;
export type UnassignTeamMember = Command<'UnassignTeamMember', On<{ role: TeamRole; member: string }>>;
export type ChangeLifecycleStage = Command<
  'ChangeLifecycleStage',
  On<{ to: LifecycleStage; reason: string; override?: boolean }>
>;
export type InferLifecycleStage = Command<
  'InferLifecycleStage',
  On<{
    to: LifecycleStage;
    runId: string;
    policyId: string;
    policyVersion: string;
    reasons: readonly string[];
  }>
>;
export type WinBackAccount = Command<'WinBackAccount', On<{ reason: string }>>;
export type LogInteraction = Command<
  'LogInteraction',
  On<{
    interactionId: string;
    kind: InteractionKind;
    scenario?: Scenario | null;
    summary: string;
    participants?: readonly string[];
  }>
>;
export type PlanKeyActivity = Command<
  'PlanKeyActivity',
  On<{
    activityId: string;
    title: string;
    strategy: ActivityStrategy;
    dueAt: string;
    assignee?: string | null;
  }>
>;
export type CompleteKeyActivity = Command<'CompleteKeyActivity', On<{ activityId: string; outcome: string }>>;
export type ReviewKeyActivity = Command<
  'ReviewKeyActivity',
  On<{ activityId: string; evaluation: string; revisedDueAt?: string | null }>
>;
export type ReclassifyAccount = Command<
  'ReclassifyAccount',
  On<{
    tier: Tier;
    score: number;
    components: Readonly<Record<string, number>>;
    reasons: readonly string[];
    policyId: string;
    policyVersion: string;
    runId: string;
  }>
>;

export type AccountCommand =
  | RegisterAccount
  | UpdateProfile
  | RecordOrder
  | IssueInvoice
  | ReceivePayment
  | AgreePaymentTerms
  | RecordAssessment
  | AssignTeamMember
  | UnassignTeamMember
  | ChangeLifecycleStage
  | InferLifecycleStage
  | WinBackAccount
  | LogInteraction
  | PlanKeyActivity
  | CompleteKeyActivity
  | ReviewKeyActivity
  | ReclassifyAccount;

export type AccountCommandType = AccountCommand['type'];
