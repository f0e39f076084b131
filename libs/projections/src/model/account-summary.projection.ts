import {
  ACCOUNT_EVENT_TYPES,
  PAYMENT_MODE_RISK,
  type AccountEvent,
  type AccountEventType,
  type TeamRole,
} from '@kam/domain';
import { ACCOUNT_SUMMARY_TABLE, type AccountSummaryRow } from './account-summary.table.js';
import { laterOf, toInstant, type Envelope, type ProjectedEvent } from './projected-event.js';
import type { KeyedProjection } from './table-spec.js';

type Registered = Extract<AccountEvent, { type: 'AccountRegistered' }>;
type Team = Partial<Record<TeamRole, readonly string[]>>;

const registered = ({ data }: Registered, at: Envelope): AccountSummaryRow => ({
  account_id: data.accountId,
  name: data.name,
  industry: data.industry,
  region: data.region,
  source: data.source,
  registered_at: toInstant(data.occurredAt),
  stage: 'acquisition',
  stage_basis: 'registration',
  stage_changed_at: toInstant(data.occurredAt),
  tier: null,
  score: null,
  classified_at: null,
  policy_version: null,
  owner: null,
  team: '{}',
  payment_mode: null,
  payment_risk: null,
  credit_days: null,
  assessment: null,
  assessed_at: null,
  profile: '{}',
  last_order_at: null,
  last_interaction_at: null,
  revision: at.revision,
  position: at.position,
  updated_at: at.recordedAt,
});

const withMember = (teamJson: string, role: TeamRole, member: string, present: boolean): Team => {
  const team = JSON.parse(teamJson) as Team;
  const others = (team[role] ?? []).filter((current) => current !== member);
  return { ...team, [role]: present ? [...others, member] : others };
};

/** The owner is the latest owner still assigned: an account has one person answerable for it. */
const ownerOf = (team: Team): string | null => team.owner?.at(-1) ?? null;

const teamChange = (row: AccountSummaryRow, role: TeamRole, member: string, present: boolean) => {
  const team = withMember(row.team, role, member, present);
  return { team: JSON.stringify(team), owner: ownerOf(team) };
};

const TOUCH_ONLY_TYPES = [
  'InvoiceIssued',
  'PaymentReceived',
  'KeyActivityPlanned',
  'KeyActivityCompleted',
  'KeyActivityReviewed',
] as const satisfies readonly AccountEventType[];
const TOUCH_ONLY: ReadonlySet<string> = new Set(TOUCH_ONLY_TYPES);

/** The columns an event changes, besides the revision every event moves. */
const changes = (
  row: AccountSummaryRow,
  event: Exclude<AccountEvent, Registered>,
): Partial<AccountSummaryRow> => {
  switch (event.type) {
    case 'AccountProfileUpdated':
      return { profile: JSON.stringify({ ...(JSON.parse(row.profile) as object), ...event.data.profile }) };
    case 'OrderRecorded':
      return { last_order_at: laterOf(row.last_order_at, toInstant(event.data.occurredAt)) };
    case 'PaymentTermsAgreed':
      return {
        payment_mode: event.data.mode,
        payment_risk: event.data.riskGrade ?? PAYMENT_MODE_RISK[event.data.mode],
        credit_days: event.data.creditDays,
      };
    case 'AssessmentRecorded':
      return { assessment: JSON.stringify(event.data.scores), assessed_at: toInstant(event.data.occurredAt) };
    case 'TeamMemberAssigned':
      return teamChange(row, event.data.role, event.data.member, true);
    case 'TeamMemberUnassigned':
      return teamChange(row, event.data.role, event.data.member, false);
    case 'LifecycleStageChanged':
      return {
        stage: event.data.to,
        stage_basis: 'manual',
        stage_changed_at: toInstant(event.data.occurredAt),
      };
    case 'LifecycleStageInferred':
      return {
        stage: event.data.to,
        stage_basis: 'inferred',
        stage_changed_at: toInstant(event.data.occurredAt),
      };
    case 'AccountWonBack':
      return {
        stage: event.data.to,
        stage_basis: 'win_back',
        stage_changed_at: toInstant(event.data.occurredAt),
      };
    case 'InteractionLogged':
      return { last_interaction_at: laterOf(row.last_interaction_at, toInstant(event.data.occurredAt)) };
    case 'AccountReclassified':
      return {
        tier: event.data.tier,
        score: event.data.score,
        classified_at: toInstant(event.data.occurredAt),
        policy_version: event.data.policyVersion,
      };
    case 'InvoiceIssued':
    case 'PaymentReceived':
    case 'KeyActivityPlanned':
    case 'KeyActivityCompleted':
    case 'KeyActivityReviewed':
      return {};
    default: {
      const _never: never = event;
      return {};
    }
  }
};

/**
 * Mirrors the decider's leniency: a second registration, or an event before the first, leaves the
 * row as it was, because a stream is history and the decider folds it the same way.
 */
export const evolveAccountSummary = (
  row: AccountSummaryRow | null,
  event: ProjectedEvent,
): AccountSummaryRow | null => {
  if (row === null) return event.type === 'AccountRegistered' ? registered(event, event) : null;
  const { revision, position, recordedAt } = event;
  // Most of the log (invoices, payments, activities) only moves the revision: one copy, not two.
  if (TOUCH_ONLY.has(event.type)) return { ...row, revision, position, updated_at: recordedAt };
  if (event.type === 'AccountRegistered') return { ...row, revision, position, updated_at: recordedAt };
  return { ...row, ...changes(row, event), revision, position, updated_at: recordedAt };
};

export const accountSummaryProjection: KeyedProjection<AccountSummaryRow> = {
  name: 'account_summary',
  kind: 'keyed',
  table: ACCOUNT_SUMMARY_TABLE,
  handles: ACCOUNT_EVENT_TYPES,
  keyOf: (event) => event.data.accountId,
  touchOnly: TOUCH_ONLY_TYPES,
  evolve: evolveAccountSummary,
};
