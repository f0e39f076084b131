import { Map as PersistentMap, Set as PersistentSet } from 'immutable';
import { laterInstant } from '../shared/iso-date.js';
import type {
  AccountEvent,
  AccountRegistered,
  InvoiceIssued,
  KeyActivityCompleted,
  OrderRecorded,
  PaymentReceived,
  TeamMemberAssigned,
  TeamMemberUnassigned,
} from './account.events.js';
import { initialState, type Account, type RegisteredAccount } from './account.state.js';
import type { TeamRole } from './vocabulary.js';

const registered = (data: AccountRegistered['data']): RegisteredAccount => ({
  status: 'Active',
  accountId: data.accountId,
  name: data.name,
  stage: 'acquisition',
  tier: null,
  score: null,
  paymentMode: null,
  team: {},
  orderIds: PersistentSet(),
  openInvoices: PersistentMap(),
  paidInvoiceIds: PersistentSet(),
  openActivityIds: PersistentSet(),
  completedActivityIds: PersistentSet(),
  interactionIds: PersistentSet(),
  lastOrderAt: null,
});

const withTeam = (
  state: RegisteredAccount,
  role: TeamRole,
  members: readonly string[],
): RegisteredAccount => ({
  ...state,
  team: { ...state.team, [role]: members },
});

const assigned = (
  state: RegisteredAccount,
  { role, member }: TeamMemberAssigned['data'],
): RegisteredAccount => {
  const members = state.team[role] ?? [];
  return members.includes(member) ? state : withTeam(state, role, [...members, member]);
};

const unassigned = (
  state: RegisteredAccount,
  { role, member }: TeamMemberUnassigned['data'],
): RegisteredAccount =>
  withTeam(
    state,
    role,
    (state.team[role] ?? []).filter((current) => current !== member),
  );

const ordered = (
  state: RegisteredAccount,
  { orderId, occurredAt }: OrderRecorded['data'],
): RegisteredAccount => ({
  ...state,
  orderIds: state.orderIds.add(orderId),
  lastOrderAt: laterInstant(state.lastOrderAt, occurredAt),
});

const invoiced = (
  state: RegisteredAccount,
  { invoiceId, amount, dueAt }: InvoiceIssued['data'],
): RegisteredAccount => {
  return { ...state, openInvoices: state.openInvoices.set(invoiceId, { amount, dueAt }) };
};

const paid = (state: RegisteredAccount, { invoiceId }: PaymentReceived['data']): RegisteredAccount => {
  return {
    ...state,
    openInvoices: state.openInvoices.delete(invoiceId),
    paidInvoiceIds: state.paidInvoiceIds.add(invoiceId),
  };
};

const completed = (
  state: RegisteredAccount,
  { activityId }: KeyActivityCompleted['data'],
): RegisteredAccount => ({
  ...state,
  openActivityIds: state.openActivityIds.delete(activityId),
  completedActivityIds: state.completedActivityIds.add(activityId),
});

/** Events that change only what the decider remembers about a registered account. */
const evolveActive = (
  state: RegisteredAccount,
  event: Exclude<AccountEvent, AccountRegistered>,
): RegisteredAccount => {
  switch (event.type) {
    case 'AccountProfileUpdated':
    case 'AssessmentRecorded':
    case 'KeyActivityReviewed':
      return state;
    case 'OrderRecorded':
      return ordered(state, event.data);
    case 'InvoiceIssued':
      return invoiced(state, event.data);
    case 'PaymentReceived':
      return paid(state, event.data);
    case 'PaymentTermsAgreed':
      return { ...state, paymentMode: event.data.mode };
    case 'TeamMemberAssigned':
      return assigned(state, event.data);
    case 'TeamMemberUnassigned':
      return unassigned(state, event.data);
    case 'LifecycleStageChanged':
    case 'LifecycleStageInferred':
    case 'AccountWonBack':
      return { ...state, stage: event.data.to };
    case 'InteractionLogged':
      return { ...state, interactionIds: state.interactionIds.add(event.data.interactionId) };
    case 'KeyActivityPlanned':
      return { ...state, openActivityIds: state.openActivityIds.add(event.data.activityId) };
    case 'KeyActivityCompleted':
      return completed(state, event.data);
    case 'AccountReclassified':
      return { ...state, tier: event.data.tier, score: event.data.score };
    default: {
      // History is never rejected: an event type this build does not know leaves the state as it was.
      const _never: never = event;
      return state;
    }
  }
};

/**
 * Applies one recorded event. Total on purpose: a stream is history, so an event the decider would
 * not produce today (say, an order before registration from an old import) is skipped, not thrown on.
 */
export const evolve = (state: Account, event: AccountEvent): Account => {
  if (event.type === 'AccountRegistered') return state.status === 'Active' ? state : registered(event.data);
  return state.status === 'Active' ? evolveActive(state, event) : state;
};

export const foldAccount = (events: Iterable<AccountEvent>): Account => {
  let state = initialState();
  for (const event of events) state = evolve(state, event);
  return state;
};
