import {
  accountMetricsMonthlyProjection,
  classificationHistoryProjection,
  evolveAccountMetricsMonthly,
  evolveAccountSummary,
  evolveReceivable,
  lifecycleHistoryProjection,
  toInstant,
  type AccountMetricsMonthlyRow,
  type AccountSummaryRow,
  type ClassificationHistoryRow,
  type LifecycleHistoryRow,
  type ProjectedEvent,
  type ReceivableRow,
} from './projection-model.js';

const STAGE_EVENTS: ReadonlySet<string> = new Set(lifecycleHistoryProjection.handles);
const MONTHLY_EVENTS: ReadonlySet<string> = new Set(accountMetricsMonthlyProjection.handles);

/**
 * One account's read-model rows, held in memory and folded by the projections' own functions: the
 * summary, its months, its invoices, and its stage and tier histories. What a SQL read model would
 * hold for the account after the same events, without touching the read-model database.
 */
export class AccountReplica {
  summary: AccountSummaryRow | null = null;
  readonly months = new Map<string, AccountMetricsMonthlyRow>();
  readonly receivables = new Map<string, ReceivableRow>();
  readonly stages: LifecycleHistoryRow[] = [];
  readonly classifications: ClassificationHistoryRow[] = [];

  /** A copy to fold on from; rows are immutable, so copying the collections is enough. */
  clone(): AccountReplica {
    const copy = new AccountReplica();
    copy.summary = this.summary;
    for (const [key, row] of this.months) copy.months.set(key, row);
    for (const [key, row] of this.receivables) copy.receivables.set(key, row);
    copy.stages.push(...this.stages);
    copy.classifications.push(...this.classifications);
    return copy;
  }

  apply(event: ProjectedEvent): void {
    this.summary = evolveAccountSummary(this.summary, event) ?? this.summary;
    if (MONTHLY_EVENTS.has(event.type)) this.applyMonthly(event);
    if (event.type === 'InvoiceIssued' || event.type === 'PaymentReceived') {
      const key = event.data.invoiceId;
      const row = evolveReceivable(this.receivables.get(key) ?? null, event);
      if (row !== null) this.receivables.set(key, row);
    }
    if (STAGE_EVENTS.has(event.type)) this.stages.push(lifecycleHistoryProjection.toRow(event));
    if (event.type === 'AccountReclassified') {
      this.classifications.push(classificationHistoryProjection.toRow(event));
    }
  }

  private applyMonthly(event: ProjectedEvent): void {
    const month = toInstant(event.data.occurredAt).slice(0, 7);
    const row = evolveAccountMetricsMonthly(this.months.get(month) ?? null, event);
    if (row !== null) this.months.set(month, row);
  }
}

/** Folds events (in log order) into a fresh replica. */
export const foldReplica = (events: Iterable<ProjectedEvent>): AccountReplica => {
  const replica = new AccountReplica();
  for (const event of events) replica.apply(event);
  return replica;
};
