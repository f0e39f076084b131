import { expect } from '@jest/globals';
import type { AccountEvent, AccountEventType } from '@kam/domain';
import { ProjectionFolder } from '../model/apply-batch.js';
import type { ProjectedEvent } from '../model/projected-event.js';
import type { Projection, Row } from '../model/table-spec.js';

/** Test code: given/when/then for projections, folding with the runner's own folder, no database. */
export const ACCOUNT = 'acc-1';
export const RECORDED_AT = '2026-03-01T12:00:00.000Z';

type EventOf<T extends AccountEventType> = Extract<AccountEvent, { type: T }>;
type Defaults = 'accountId' | 'occurredAt';

/** An event of ACCOUNT at 2026-02-27 unless told otherwise. */
export const event = <T extends AccountEventType>(
  type: T,
  data: Omit<EventOf<T>['data'], Defaults> & Partial<Pick<EventOf<T>['data'], Defaults>>,
): AccountEvent =>
  ({
    type,
    data: { accountId: ACCOUNT, occurredAt: '2026-02-27T09:00:00Z', ...data },
  }) as unknown as AccountEvent;

export const registered = (accountId = ACCOUNT, occurredAt = '2026-01-05T00:00:00Z'): AccountEvent =>
  event('AccountRegistered', {
    accountId,
    occurredAt,
    name: `Name of ${accountId}`,
    industry: 'retail',
    region: 'east',
    source: 'fair',
  });

export const money = (amount: string) => ({ amount, currency: 'CNY' });

/** Positions from 1 in order; revisions counted per account, as a log would have them. */
export const inLog = (events: readonly AccountEvent[], firstPosition = 1): ProjectedEvent[] => {
  const revisions = new Map<string, number>();
  return events.map((item, index) => {
    const revision = revisions.get(item.data.accountId) ?? 0;
    revisions.set(item.data.accountId, revision + 1);
    return { ...item, position: firstPosition + index, revision, recordedAt: RECORDED_AT } as ProjectedEvent;
  });
};

/** The rows a projection holds after folding the events from empty tables. */
export const rowsAfter = (projection: Projection, events: readonly AccountEvent[]): readonly Row[] => {
  const folder = new ProjectionFolder([{ projection, checkpoint: -1 }]);
  const failure = folder.fold(inLog(events));
  if (failure !== null) throw failure.error;
  return folder.takeWrites()[0]?.rows ?? [];
};

export const projectionSpec = (projection: Projection) => ({
  given: (history: readonly AccountEvent[]) => ({
    when: (...events: readonly AccountEvent[]) => ({
      then: (expected: readonly Row[]) =>
        expect(rowsAfter(projection, [...history, ...events])).toEqual(expected),
      thenThrows: (message: RegExp) =>
        expect(() => rowsAfter(projection, [...history, ...events])).toThrow(message),
    }),
  }),
});
