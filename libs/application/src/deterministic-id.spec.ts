import { deterministicUuid } from './deterministic-id.js';

describe('deterministic ids', () => {
  it('gives the ids already recorded in logs for the same parts (a retried write must match them)', () => {
    // Values from the implementation that wrote the existing logs.
    expect(deterministicUuid('run-1', 'acc-1', 'ReclassifyAccount', '0')).toBe(
      'db0fa5c8-c1bb-5880-a63f-b8ed98327938',
    );
    expect(deterministicUuid('kam-evaluation', 'scheduled', '2026-01-01T02:00:00.000Z')).toBe(
      'a5e2f150-e697-56e5-9577-a7e5e792f9d1',
    );
  });

  it('is a version-5, RFC-variant UUID, and another one for other parts', () => {
    const ids = Array.from({ length: 64 }, (_, i) => deterministicUuid('run', String(i)));
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
