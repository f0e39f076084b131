import { chainEvents, GENESIS_HASH } from '@kam/application';
import type { RecordedEvent } from '@kam/event-store';
import { verifyChain } from './verify-chain.js';

const metadata = { correlationId: 'c', causationId: 'c', actor: 'test', reason: null, schemaVersion: 1 };

/** A stream of `count` chained events, recorded at positions from `firstPosition`. */
const stream = (streamId: string, count: number, firstPosition: number): RecordedEvent[] =>
  chainEvents(
    GENESIS_HASH,
    Array.from({ length: count }, (_, i) => ({ id: `${streamId}-${i}`, type: 'T', data: { i }, metadata })),
  ).map((event, i) => ({
    ...event,
    streamId,
    revision: BigInt(i),
    position: BigInt(firstPosition + i * 2),
    recordedAt: '2025-01-01T00:00:00.000Z',
  }));

/** Two streams interleaved in log order. */
const log = (): RecordedEvent[] => {
  const a = stream('account-a', 3, 0);
  const b = stream('account-b', 3, 1);
  return [a[0]!, b[0]!, a[1]!, b[1]!, a[2]!, b[2]!];
};

async function* iterate(events: readonly RecordedEvent[]): AsyncGenerator<RecordedEvent> {
  yield* events;
}

describe('verifyChain', () => {
  it('accepts interleaved streams, each chained on its own', async () => {
    await expect(verifyChain(iterate(log()))).resolves.toEqual({ ok: true, checked: 6, firstBreak: null });
  });

  it('names the first event whose content no longer matches its hash', async () => {
    const events = log();
    events[3] = { ...events[3]!, data: { i: 99 } };
    await expect(verifyChain(iterate(events))).resolves.toMatchObject({
      ok: false,
      checked: 4,
      firstBreak: { streamId: 'account-b', revision: '1', position: '3', reason: 'hash-mismatch' },
    });
  });

  it('names a missing hash and a reordered event', async () => {
    const stripped = log();
    const { hash: _hash, ...rest } = stripped[0]!.metadata;
    stripped[0] = { ...stripped[0]!, metadata: rest };
    await expect(verifyChain(iterate(stripped))).resolves.toMatchObject({
      firstBreak: { reason: 'missing-hash' },
    });

    const swapped = log();
    swapped[2] = { ...swapped[2]!, metadata: { ...swapped[2]!.metadata, prevHash: 'f'.repeat(64) } };
    await expect(verifyChain(iterate(swapped))).resolves.toMatchObject({
      firstBreak: { streamId: 'account-a', revision: '1', reason: 'chain-mismatch' },
    });
  });
});
