import { decide, DomainError, evolve, parseIsoInstant, type Account, type AccountCommand } from '@kam/domain';
import type { RowImporter } from './import-context.js';
import { ACCEPTED, DUPLICATE, rejected, rejectedBy } from './row-outcome.js';

/** In a payments file, the command's `occurredAt` is the row's `paidAt`. */
const PAYMENT_COLUMNS = { occurredAt: 'paidAt' };

/** The invoice existed by its due date at the latest, and by the day it was paid. */
const issuedBy = (dueAt: string, paidAt: string): string => {
  const due = parseIsoInstant(dueAt);
  const paid = parseIsoInstant(paidAt);
  return due !== null && paid !== null && due < paid ? dueAt : paidAt;
};

/**
 * A payment names its invoice. An ERP export of payments often carries invoices the engine has never
 * seen: then the row issues the invoice first (its amount and due date from the row, issued by the
 * earlier of due and paid date), and records the payment against it. Both are checked against the
 * account before either is written, so a bad row never leaves an invoice behind without its payment.
 * A payment of an invoice already paid records nothing: that is a re-import.
 */
export const importPaymentRow: RowImporter = async ({ values }, context) => {
  const { accountId = '', invoiceId = '', amount = '', currency = '', dueAt = '', paidAt = '' } = values;
  if (accountId === '') return rejected('accountId', 'required', 'must be a non-empty string');
  const loaded = await context.repository.load(accountId);
  if (loaded.state.status !== 'Active') {
    return rejected(
      'accountId',
      'account_not_registered',
      `no account ${accountId}; import the accounts first`,
    );
  }
  const now = context.now();
  const money = { amount, currency };
  const known = loaded.state.openInvoices.has(invoiceId) || loaded.state.paidInvoiceIds.has(invoiceId);
  const steps: (readonly [AccountCommand, readonly string[]])[] = [];
  if (!known) {
    const data = { accountId, invoiceId, amount: money, dueAt, occurredAt: issuedBy(dueAt, paidAt) };
    steps.push([{ type: 'IssueInvoice', data, metadata: { now } }, ['invoice', accountId, invoiceId]]);
  }
  const payment = { accountId, invoiceId, amount: money, dueAt, occurredAt: paidAt };
  steps.push([
    { type: 'ReceivePayment', data: payment, metadata: { now } },
    ['payment', accountId, invoiceId],
  ]);

  let state: Account = loaded.state;
  for (const [command] of steps) {
    const decided = decide(command, state);
    if (decided instanceof DomainError) return rejectedBy(decided, PAYMENT_COLUMNS);
    state = decided.reduce(evolve, state);
  }
  try {
    let recorded = 0;
    for (const [command, key] of steps) recorded += (await context.send(command, key)).events.length;
    return recorded === 0 ? DUPLICATE : ACCEPTED;
  } catch (error) {
    if (error instanceof DomainError) return rejectedBy(error, PAYMENT_COLUMNS);
    throw error;
  }
};
