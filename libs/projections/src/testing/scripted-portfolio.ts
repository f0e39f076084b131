import { accountStreamId, type AccountEvent } from '@kam/domain';
import type { EventStore } from '@kam/event-store';
import { randomUUID } from 'node:crypto';
import { event, money } from './projection-spec.js';

/** Test code: three accounts whose read models are worked out by hand in the int specs. */
const on = (accountId: string) => ({ accountId });

const reclassified = (accountId: string, tier: string, previousTier: string | null, occurredAt: string) =>
  event('AccountReclassified', {
    ...on(accountId),
    tier,
    previousTier,
    score: tier === 'strategic' ? 95 : 70,
    components: { sales: 90 },
    reasons: [`${tier} by sales`],
    policyId: 'composite',
    policyVersion: 'v1',
    runId: `run-${occurredAt.slice(0, 10)}`,
    occurredAt,
  });

const order = (
  accountId: string,
  orderId: string,
  amount: string,
  grossProfit: string,
  occurredAt: string,
  channel: 'direct' | 'sub_distribution' = 'direct',
) =>
  event('OrderRecorded', {
    ...on(accountId),
    orderId,
    amount: money(amount),
    grossProfit: money(grossProfit),
    channel,
    occurredAt,
  });

const invoice = (accountId: string, invoiceId: string, amount: string, occurredAt: string, dueAt: string) =>
  event('InvoiceIssued', { ...on(accountId), invoiceId, amount: money(amount), dueAt, occurredAt });

export const SCRIPT: Readonly<Record<string, readonly AccountEvent[]>> = {
  'acc-a': [
    event('AccountRegistered', {
      ...on('acc-a'),
      name: 'Acme Tooling',
      industry: 'manufacturing',
      region: 'east',
      source: null,
      occurredAt: '2025-01-10',
    }),
    event('PaymentTermsAgreed', {
      ...on('acc-a'),
      mode: 'open_credit',
      riskGrade: 'unsafe_uncontrollable',
      creditDays: 60,
      occurredAt: '2025-01-10',
    }),
    event('TeamMemberAssigned', { ...on('acc-a'), role: 'owner', member: 'li', occurredAt: '2025-01-11' }),
    order('acc-a', 'o-a1', '1000', '200', '2025-05-10'),
    event('LifecycleStageChanged', {
      ...on('acc-a'),
      from: 'acquisition',
      to: 'growth',
      override: false,
      reason: 'second order line',
      occurredAt: '2026-02-01',
    }),
    order('acc-a', 'o-a2', '5000', '1000', '2026-03-15', 'sub_distribution'),
    invoice('acc-a', 'inv-a1', '5000', '2026-03-15', '2026-04-15'),
    reclassified('acc-a', 'key', null, '2026-03-31'),
    event('PaymentReceived', {
      ...on('acc-a'),
      invoiceId: 'inv-a1',
      amount: money('5000'),
      dueAt: '2026-04-15',
      daysLate: 10,
      occurredAt: '2026-04-25',
    }),
    order('acc-a', 'o-a3', '2000', '-100', '2026-06-01'),
    invoice('acc-a', 'inv-a2', '2000', '2026-06-01', '2026-07-01'),
    reclassified('acc-a', 'strategic', 'key', '2026-06-30'),
  ],
  'acc-b': [
    event('AccountRegistered', {
      ...on('acc-b'),
      name: 'Bolt Retail',
      industry: 'retail',
      region: 'west',
      source: 'fair',
      occurredAt: '2025-06-01',
    }),
    order('acc-b', 'o-b1', '3000', '300', '2026-01-10'),
    invoice('acc-b', 'inv-b1', '3000', '2026-01-10', '2026-02-10'),
    reclassified('acc-b', 'growth', null, '2026-03-31'),
  ],
  'acc-c': [
    event('AccountRegistered', {
      ...on('acc-c'),
      name: 'Cobalt Energy',
      industry: 'energy',
      region: 'north',
      source: null,
      occurredAt: '2026-05-01',
    }),
  ],
};

export const AS_OF = '2026-06-30T12:00:00Z';

export const appendAs = (store: EventStore, accountId: string, events: readonly AccountEvent[]) =>
  store.appendToStream(
    accountStreamId(accountId),
    events.map((item) => ({
      id: randomUUID(),
      type: item.type,
      data: item.data,
      metadata: {
        correlationId: randomUUID(),
        causationId: randomUUID(),
        actor: 'spec',
        reason: null,
        schemaVersion: 1,
      },
    })),
  );

/** Appends the script one event at a time, round-robin over the accounts, so streams interleave. */
export async function appendScript(store: EventStore): Promise<bigint> {
  const queues = Object.entries(SCRIPT).map(([accountId, events]) => ({ accountId, events: [...events] }));
  let position = -1n;
  while (queues.some((queue) => queue.events.length > 0)) {
    for (const queue of queues) {
      const next = queue.events.shift();
      if (next !== undefined) position = (await appendAs(store, queue.accountId, [next])).position;
    }
  }
  return position;
}
