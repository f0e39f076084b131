import type { Money } from '../shared/money.js';
import type { LifecycleStage, PaymentMode, TeamRole, Tier } from './vocabulary.js';

export type OpenInvoice = Readonly<{ amount: Money; dueAt: string }>;

/**
 * What the decider needs to know to enforce the rules: not a read model. The id sets grow with the
 * stream; they are what makes a repeated order or payment a no-op.
 */
export type RegisteredAccount = Readonly<{
  status: 'Active';
  accountId: string;
  name: string;
  stage: LifecycleStage;
  tier: Tier | null;
  /** The score of the last reclassification: with the tier, what makes a re-run that changes nothing a no-op. */
  score: number | null;
  paymentMode: PaymentMode | null;
  team: Readonly<Partial<Record<TeamRole, readonly string[]>>>;
  orderIds: ReadonlySet<string>;
  openInvoices: ReadonlyMap<string, OpenInvoice>;
  paidInvoiceIds: ReadonlySet<string>;
  openActivityIds: ReadonlySet<string>;
  completedActivityIds: ReadonlySet<string>;
  interactionIds: ReadonlySet<string>;
  lastOrderAt: string | null;
}>;

export type Account = Readonly<{ status: 'Unregistered' }> | RegisteredAccount;

export const initialState = (): Account => ({ status: 'Unregistered' });
