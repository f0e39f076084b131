import { ProjectionFolder } from './apply-batch.js';
import { accountSummaryProjection } from './account-summary.projection.js';
import { accountMetricsMonthlyProjection } from './account-metrics-monthly.projection.js';
import { lifecycleHistoryProjection } from './lifecycle-history.projection.js';
import { event, inLog, money, registered } from '../testing/projection-spec.js';

const order = (orderId: string, occurredAt: string) =>
  event('OrderRecorded', {
    orderId,
    amount: money('100'),
    grossProfit: money('10'),
    channel: 'direct',
    occurredAt,
  });

const cursors = (checkpoint = -1) =>
  [accountSummaryProjection, accountMetricsMonthlyProjection, lifecycleHistoryProjection].map(
    (projection) => ({
      projection,
      checkpoint,
    }),
  );

describe('ProjectionFolder', () => {
  it('stops before the first event a projection throws on, and no projection keeps any part of that event', () => {
    const folder = new ProjectionFolder(cursors());
    const events = inLog([
      registered(),
      order('o-1', '2026-02-01'),
      order('o-2', 'not a date'),
      order('o-3', '2026-02-03'),
    ]);
    const failure = folder.fold(events);
    expect(failure).toMatchObject({
      projection: 'account_summary',
      event: { position: 3, type: 'OrderRecorded' },
    });
    const [summary, metrics, history] = folder.takeWrites();
    expect(summary?.rows).toEqual([
      expect.objectContaining({ revision: 1, last_order_at: '2026-02-01T00:00:00.000Z' }),
    ]);
    expect(metrics?.rows).toEqual([expect.objectContaining({ month: '2026-02', order_count: 1 })]);
    expect(history?.rows).toHaveLength(1);
  });

  it('leaves to each projection only the events after its checkpoint', () => {
    const folder = new ProjectionFolder(cursors(2));
    expect(
      folder.fold(inLog([registered(), order('o-1', '2026-02-01'), order('o-2', '2026-03-01')])),
    ).toBeNull();
    const [summary, metrics, history] = folder.takeWrites();
    expect(summary?.rows).toEqual([]);
    expect(metrics?.rows).toEqual([expect.objectContaining({ month: '2026-03', order_count: 1 })]);
    expect(history?.rows).toEqual([]);
  });

  it('folds keyed rows over the stored ones it is given, and asks only for rows it does not hold', () => {
    const folder = new ProjectionFolder(cursors(1));
    const later = inLog([registered(), order('o-1', '2026-02-01'), order('o-2', '2026-02-02')]).slice(1);
    const missing = folder.missingKeys(later).get(accountSummaryProjection);
    expect(missing).toEqual(['acc-1']);
    const seed = new ProjectionFolder([{ projection: accountSummaryProjection, checkpoint: -1 }]);
    seed.fold(inLog([registered()]));
    const row = seed.takeWrites()[0]?.rows[0];
    folder.remember(accountSummaryProjection, ['acc-1'], new Map(row === undefined ? [] : [['acc-1', row]]));
    expect(folder.missingKeys(later).get(accountSummaryProjection)).toEqual([]);
    expect(folder.fold(later)).toBeNull();
    expect(folder.takeWrites()[0]?.rows).toEqual([
      expect.objectContaining({
        name: 'Name of acc-1',
        revision: 2,
        last_order_at: '2026-02-02T00:00:00.000Z',
      }),
    ]);
  });

  it('hands additive deltas over once and starts them again from nothing', () => {
    const folder = new ProjectionFolder([{ projection: accountMetricsMonthlyProjection, checkpoint: -1 }]);
    folder.fold(inLog([order('o-1', '2026-02-01')]));
    expect(folder.takeWrites()[0]?.rows).toEqual([expect.objectContaining({ order_count: 1 })]);
    folder.fold(inLog([order('o-2', '2026-02-05')], 2));
    expect(folder.takeWrites()[0]?.rows).toEqual([
      expect.objectContaining({ order_count: 1, revenue_e4: 1_000_000 }),
    ]);
  });
});
