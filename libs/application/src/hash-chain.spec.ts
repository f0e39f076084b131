import { canonicalJson, chainEvents, eventHash, GENESIS_HASH } from './hash-chain.js';

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

  it('writes canonical JSON exactly as sorting every level and then JSON.stringify would', () => {
    const sortKeys = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(sortKeys);
      if (value === null || typeof value !== 'object') return value;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, child]) => child !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(entries.map(([key, child]) => [key, sortKeys(child)]));
    };
    const values: unknown[] = [
      { b: 1, a: [3, { d: null, c: 'x"\\n\u2028' }], e: undefined, f: true, g: -0, h: 1e21, i: 0.1 + 0.2 },
      { z: { y: { x: [] } }, é: 'ü', A: 'upper before lower', '': 'empty key' },
      [undefined, () => 1, NaN, Infinity, { k: undefined }],
      { 10: 'index keys', 2: 'sort as numbers', b: 'then names' },
      {
        'a"b': 1,
        'c\\d': 2,
        'e\u0001': 3,
        '\ud800x': 4,
        'plain/key.v2:x@y': 5,
        emoji: '😀 ok',
        del: 'x\u007f',
      },
      { when: new Date(0), fn: () => 1, nested: { n: Number.MAX_SAFE_INTEGER } },
      'text',
      42,
      null,
    ];
    for (const value of values) expect(canonicalJson(value)).toBe(JSON.stringify(sortKeys(value)));
  });

  it('still gives the hash logs already carry for a known event (verify reads old logs with it)', () => {
    const recorded = {
      id: '3f1c2a4e-0000-5000-8000-000000000001',
      type: 'AccountReclassified',
      data: {
        accountId: 'a-1',
        tier: 'A',
        previousTier: null,
        score: 87.5,
        components: { revenue: 0.4, margin: 0.25 },
        occurredAt: '2026-03-31T23:00:00.000Z',
      },
      metadata: {
        actor: 'evaluation',
        reason: 'evaluation run r-1: top 20% by score',
        correlationId: 'r-1',
        causationId: 'r-1',
        schemaVersion: 1,
        prevHash: GENESIS_HASH,
      },
    };
    // Written by the implementation that produced the existing logs: any change here breaks them.
    expect(eventHash(GENESIS_HASH, recorded)).toBe(
      'e5c944d4caa654ca9abc425e3ca6c0b7cf4532c642e4ee226d1026f88f6a99da',
    );
  });
});
