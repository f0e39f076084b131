import type { EventMetadata } from '../event-store.port.js';

export type BenchPayload = Readonly<{ data: Record<string, unknown>; metadata: EventMetadata }>;

/** A deterministic UUID-shaped id: 8 hex of the run, then the index. */
export const benchEventId = (run: string, index: number): string =>
  `${run}-4000-8000-${(index + 1).toString(16).padStart(12, '0')}`;

const decimal = (minor: number): string =>
  `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

function orderData(index: number): Record<string, unknown> {
  const amountMinor = 50_000 + ((index * 7_919) % 5_000_000);
  const lines = [0, 1, 2].map((line) => ({
    sku: `TL-${2200 + ((index + line) % 5)}`,
    quantity: 1 + ((index + line * 13) % 40),
    unitPrice: decimal(Math.floor(amountMinor / 3)),
  }));
  return {
    accountId: `A-${String(index % 2_000).padStart(6, '0')}`,
    orderId: `o-${index}`,
    amount: decimal(amountMinor),
    currency: 'CNY',
    grossProfit: decimal(Math.floor(amountMinor * 0.23)),
    channel: index % 2 === 0 ? 'direct' : 'distributor',
    occurredAt: new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString(),
    lines,
    salesRep: index % 2 === 0 ? '王芳' : 'Li Wei',
  };
}

/** Orders of about 400 bytes with 200 bytes of metadata, the size of the engine's real events. */
export function benchPayloads(run: string, count: number): BenchPayload[] {
  return Array.from({ length: count }, (_, index) => {
    const metadata = {
      correlationId: benchEventId(run, index + 1_000_000_000),
      causationId: benchEventId(run, index + 2_000_000_000),
      actor: 'bench@kam-ledger',
      reason: 'benchmark: append throughput',
      schemaVersion: 1,
    };
    return { data: orderData(index), metadata };
  });
}
