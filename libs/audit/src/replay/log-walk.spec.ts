import type { RecordedEvent } from '@kam/event-store';
import { endsKnowledge } from './log-walk.js';

const event = (
  type: string,
  occurredAt: string,
  recordedAt: string,
  position = 10n,
  actor = 'person',
): RecordedEvent => ({
  id: 'e',
  streamId: 'account-a',
  type,
  revision: 0n,
  position,
  recordedAt,
  data: { accountId: 'a', occurredAt },
  metadata: { correlationId: 'c', causationId: 'c', actor, schemaVersion: 1 },
});

const close = '2025-03-31T23:59:59.999Z';

describe('what the engine knew at a cut', () => {
  it('knows facts recorded by the date, whenever they happened', () => {
    expect(endsKnowledge({ date: close, position: null }, event('OrderRecorded', '2025-03-10', close))).toBe(
      false,
    );
    expect(
      endsKnowledge(
        { date: close, position: null },
        event('OrderRecorded', '2025-03-10', '2025-04-30T23:59:59.999Z'),
      ),
    ).toBe(true);
  });

  it('stops before an evaluation output about that date, even one recorded at it', () => {
    expect(endsKnowledge({ date: close, position: null }, event('AccountReclassified', close, close))).toBe(
      true,
    );
    expect(
      endsKnowledge(
        { date: close, position: null },
        event('AccountWonBack', close, close, 10n, 'evaluation'),
      ),
    ).toBe(true);
    expect(
      endsKnowledge(
        { date: close, position: null },
        event('AccountReclassified', '2024-12-31T23:59:59.999Z', close),
      ),
    ).toBe(false);
  });

  it('takes a recorded run head position over the clocks', () => {
    expect(
      endsKnowledge(
        { date: close, position: 10n },
        event('OrderRecorded', '2026-01-01', '2026-01-01T00:00:00Z', 10n),
      ),
    ).toBe(false);
    expect(
      endsKnowledge({ date: close, position: 10n }, event('OrderRecorded', '2025-01-01', close, 11n)),
    ).toBe(true);
  });
});
