import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '../event-store.port.js';

const CHANNELS = ['direct', 'distributor', 'online', 'sub_distribution'] as const;
const SKUS = ['TL-2209', 'TL-3110', 'HX-0042', 'HX-0907', 'PM-7781'] as const;
const REPS = ['王芳', 'Li Wei', 'Zhang Min', '陈静'] as const;

export type BenchPayload = Readonly<{
  data: EventToAppend['data'];
  metadata: EventToAppend['metadata'];
  /** The same, encoded once, for the raw-driver ceiling. */
  dataJson: string;
  metadataJson: string;
}>;

/**
 * Orders as the demo records them: about 400 bytes of data and 200 of metadata, close to the engine's
 * real events, so the benchmark pays realistic JSON and row sizes. A pool of them is shared by all
 * events of a run: the bytes vary, and 200,000 events do not need 200,000 payload objects in memory.
 */
export function benchPayloads(count: number): BenchPayload[] {
  return Array.from({ length: count }, (_, index) => {
    const data = orderData(index);
    const metadata = {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: 'bench@kam-ledger',
      reason: 'benchmark: append throughput',
      schemaVersion: 1,
    };
    return { data, metadata, dataJson: JSON.stringify(data), metadataJson: JSON.stringify(metadata) };
  });
}

function orderData(index: number): Record<string, unknown> {
  const amountMinor = 50_000 + ((index * 7_919) % 5_000_000);
  const lines = [0, 1, 2].map((line) => ({
    sku: SKUS[(index + line) % SKUS.length] ?? 'TL-2209',
    quantity: 1 + ((index + line * 13) % 40),
    unitPrice: minorToDecimal(Math.floor(amountMinor / 3)),
  }));
  return {
    accountId: `A-${String(index % 2_000).padStart(6, '0')}`,
    orderId: `o-${index}`,
    amount: minorToDecimal(amountMinor),
    currency: 'CNY',
    grossProfit: minorToDecimal(Math.floor(amountMinor * 0.23)),
    channel: CHANNELS[index % CHANNELS.length] ?? 'direct',
    occurredAt: new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString(),
    lines,
    salesRep: REPS[index % REPS.length] ?? 'Li Wei',
  };
}

function minorToDecimal(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}
