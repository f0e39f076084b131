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

/** An invoice's clocks as epoch milliseconds (never: +Infinity), for the overdue rule at many dates. */
export type Due = Readonly<{ issued: number; due: number; paid: number; value: number }>;

const instantMs = (text: string | null): number =>
  text === null ? Number.POSITIVE_INFINITY : Date.parse(text);

const dueOf = (row: ReceivableRow): Due => ({
  issued: instantMs(row.issued_at),
  due: instantMs(row.due_at),
  paid: instantMs(row.paid_at),
  value: row.amount_value,
});

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
  /** Open invoices' rows, to fold their payment into. */
  readonly receivables = new Map<string, ReceivableRow>();
  /** Every invoice's clocks as numbers: comparing them at every replay date is what costs. */
  readonly dues = new Map<string, Due>();
  readonly stages: LifecycleHistoryRow[] = [];
  readonly classifications: ClassificationHistoryRow[] = [];
  /**
   * JSON columns parsed once per column and value: a replay reads the same assessment at every date.
   * Keyed by column too, since the same text (null above all) parses to another default in each.
   */
  private readonly parsedJson = new Map<string, Map<string | null, unknown>>();

  parsed<T>(column: string, text: string | null, parse: (text: string | null) => T): T {
    let values = this.parsedJson.get(column);
    if (values === undefined) this.parsedJson.set(column, (values = new Map()));
    if (!values.has(text)) {
      if (values.size > 8) values.clear();
      values.set(text, parse(text));
    }
    return values.get(text) as T;
  }

  /** A copy to fold on from; rows are immutable, so copying the collections is enough. */
  clone(): AccountReplica {
    const copy = new AccountReplica();
    copy.summary = this.summary;
    for (const [key, row] of this.months) copy.months.set(key, row);
    for (const [key, row] of this.receivables) copy.receivables.set(key, row);
    for (const [key, due] of this.dues) copy.dues.set(key, due);
    copy.stages.push(...this.stages);
    copy.classifications.push(...this.classifications);
    return copy;
  }

  apply(event: ProjectedEvent): void {
    this.summary = evolveAccountSummary(this.summary, event) ?? this.summary;
    if (MONTHLY_EVENTS.has(event.type)) this.applyMonthly(event);
    if (event.type === 'InvoiceIssued' || event.type === 'PaymentReceived') this.applyReceivable(event);
    if (STAGE_EVENTS.has(event.type)) this.stages.push(lifecycleHistoryProjection.toRow(event));
    if (event.type === 'AccountReclassified') {
      this.classifications.push(classificationHistoryProjection.toRow(event));
    }
  }

  private applyReceivable(
    event: Extract<ProjectedEvent, { type: 'InvoiceIssued' | 'PaymentReceived' }>,
  ): void {
    const key = event.data.invoiceId;
    const row = evolveReceivable(this.receivables.get(key) ?? null, event);
    if (row === null) return;
    this.dues.set(key, dueOf(row));
    // Issued and paid, the invoice is closed (the decider takes one payment per invoice) and only its
    // clocks are read again: dropping the row keeps a replay of a million events small in memory.
    if (row.issued_at !== null && row.paid_at !== null) this.receivables.delete(key);
    else this.receivables.set(key, row);
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
