import {
  accountStreamId,
  DEFAULT_TIERS,
  PAYMENT_MODE_RISK,
  PAYMENT_MODES,
  SALES_CHANNELS,
  type AccountEvent,
} from '@kam/domain';
import type { EventStore, EventToAppend } from '@kam/event-store';
import { randomUUID } from 'node:crypto';

/**
 * A deterministic synthetic portfolio written straight to the log (no decider): for projection tests
 * and benchmarks that need many realistic events fast. Roughly six events per account and month.
 */
export type SyntheticLogOptions = Readonly<{
  accounts: number;
  months: number;
  seed?: number;
  /** Index of the first account, so a second call can add accounts beside the first call's. */
  firstAccount?: number;
  firstMonth?: string;
}>;

const random = (seed: number) => {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
};

const monthStart = (firstMonth: string, offset: number): Date => {
  const [year = 2024, month = 1] = firstMonth.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1 + offset, 1));
};

const day = (start: Date, days: number): string =>
  new Date(start.getTime() + days * 86_400_000).toISOString();

export const syntheticAccountId = (index: number): string => `acc-${String(index).padStart(6, '0')}`;

function onboarding(accountId: string, index: number, at: string, next: () => number): AccountEvent[] {
  const mode = PAYMENT_MODES[index % PAYMENT_MODES.length] ?? 'open_credit';
  const score = () => Math.round(next() * 100);
  return [
    {
      type: 'AccountRegistered',
      data: {
        accountId,
        occurredAt: at,
        name: `Account ${index}`,
        industry: ['manufacturing', 'retail', 'energy'][index % 3] ?? 'retail',
        region: ['east', 'west', 'north', 'south'][index % 4] ?? 'east',
        source: null,
      },
    },
    {
      type: 'PaymentTermsAgreed',
      data: { accountId, occurredAt: at, mode, riskGrade: PAYMENT_MODE_RISK[mode], creditDays: 30 },
    },
    {
      type: 'TeamMemberAssigned',
      data: { accountId, occurredAt: at, role: 'owner', member: `owner-${index % 17}` },
    },
    {
      type: 'AssessmentRecorded',
      data: {
        accountId,
        occurredAt: at,
        assessor: 'team',
        note: null,
        scores: {
          potential: score(),
          demonstration: score(),
          winnability: score(),
          strength: score(),
          capability: score(),
          acumen: score(),
        },
      },
    },
    {
      type: 'AccountProfileUpdated',
      data: { accountId, occurredAt: at, profile: { financialStatus: 'sound', employees: 100 + index } },
    },
  ];
}

function month(
  accountId: string,
  index: number,
  offset: number,
  start: Date,
  next: () => number,
): AccountEvent[] {
  const events: AccountEvent[] = [];
  const orders = Math.floor(next() * 3) + (index % 5 === 0 ? 1 : 0);
  for (let order = 0; order < orders; order += 1) {
    const at = day(start, 1 + Math.floor(next() * 25));
    const amount = (1000 + Math.floor(next() * 100_000 * (1 + (index % 7)))).toFixed(2);
    const orderId = `o-${offset}-${order}`;
    const channel = SALES_CHANNELS[Math.floor(next() * SALES_CHANNELS.length)] ?? 'direct';
    events.push({
      type: 'OrderRecorded',
      data: {
        accountId,
        occurredAt: at,
        orderId,
        channel,
        amount: { amount, currency: 'CNY' },
        grossProfit: { amount: (Number(amount) * 0.2).toFixed(2), currency: 'CNY' },
      },
    });
    const dueAt = day(start, 40);
    events.push({
      type: 'InvoiceIssued',
      data: {
        accountId,
        occurredAt: at,
        invoiceId: `i-${offset}-${order}`,
        amount: { amount, currency: 'CNY' },
        dueAt,
      },
    });
    if (next() < 0.9) {
      const daysLate = next() < 0.7 ? 0 : Math.floor(next() * 30) + 1;
      events.push({
        type: 'PaymentReceived',
        data: {
          accountId,
          occurredAt: day(start, 40 + daysLate),
          invoiceId: `i-${offset}-${order}`,
          amount: { amount, currency: 'CNY' },
          dueAt,
          daysLate,
        },
      });
    }
  }
  if (next() < 0.5)
    events.push({
      type: 'InteractionLogged',
      data: {
        accountId,
        occurredAt: day(start, 10),
        interactionId: `x-${offset}`,
        kind: 'visit',
        scenario: null,
        summary: 'visit',
        participants: ['owner'],
      },
    });
  if (offset % 6 === 5) {
    const tier = DEFAULT_TIERS[Math.floor(next() * DEFAULT_TIERS.length)] ?? 'standard';
    events.push({
      type: 'AccountReclassified',
      data: {
        accountId,
        occurredAt: day(start, 27),
        tier,
        previousTier: null,
        score: Math.round(next() * 1000) / 10,
        components: { sales: 50 },
        reasons: ['synthetic'],
        policyId: 'composite',
        policyVersion: 'v1',
        runId: `run-${offset}`,
      },
    });
  }
  return events;
}

const toAppend = (event: AccountEvent): EventToAppend => ({
  id: randomUUID(),
  type: event.type,
  data: event.data,
  metadata: {
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: 'synthetic',
    reason: null,
    schemaVersion: 1,
  },
});

/** Appends the portfolio month by month, account by account, so streams interleave in the log as they would. */
export async function writeSyntheticLog(store: EventStore, options: SyntheticLogOptions): Promise<number> {
  const next = random(options.seed ?? 1);
  const firstMonth = options.firstMonth ?? '2024-01';
  let count = 0;
  for (let offset = 0; offset < options.months; offset += 1) {
    const start = monthStart(firstMonth, offset);
    const appends: Promise<unknown>[] = [];
    const first = options.firstAccount ?? 0;
    for (let index = first; index < first + options.accounts; index += 1) {
      const accountId = syntheticAccountId(index);
      const events = [
        ...(offset === 0 ? onboarding(accountId, index, start.toISOString(), next) : []),
        ...month(accountId, index, offset, start, next),
      ];
      if (events.length === 0) continue;
      count += events.length;
      appends.push(store.appendToStream(accountStreamId(accountId), events.map(toAppend)));
    }
    await Promise.all(appends);
  }
  return count;
}
