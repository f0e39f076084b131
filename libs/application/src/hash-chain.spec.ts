import { chainEvents, eventHash, GENESIS_HASH } from './hash-chain.js';

const metadata = { correlationId: 'c', causationId: 'c', actor: 'test', reason: null, schemaVersion: 1 };
const event = (id: string, data: Record<string, unknown>) => ({ id, type: 'OrderRecorded', data, metadata });

describe('the hash chain', () => {
  it('links each event to the one before it, the first to the genesis hash', () => {
    const [first, second] = chainEvents(GENESIS_HASH, [event('e1', { n: 1 }), event('e2', { n: 2 })]);
    expect(first?.metadata.prevHash).toBe(GENESIS_HASH);
    expect(first?.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(second?.metadata.prevHash).toBe(first?.metadata.hash);
    expect(eventHash(first?.metadata.hash as string, second!)).toBe(second?.metadata.hash);
  });

  it('gives the same hash whatever order the keys come back in, and another for any changed value', () => {
    const [chained] = chainEvents(GENESIS_HASH, [event('e1', { a: 1, b: { c: 'x', d: [1, 2] } })]);
    const reordered = { ...chained!, data: { b: { d: [1, 2], c: 'x' }, a: 1 } };
    expect(eventHash(GENESIS_HASH, reordered)).toBe(chained?.metadata.hash);
    expect(eventHash(GENESIS_HASH, { ...reordered, data: { a: 1, b: { c: 'x', d: [2, 1] } } })).not.toBe(
      chained?.metadata.hash,
    );
    expect(eventHash('f'.repeat(64), chained!)).not.toBe(chained?.metadata.hash);
  });
});
