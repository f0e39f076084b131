import { DEFAULT_POLICY } from '../../default-policy.js';
import type { AccountSnapshot } from '../../portfolio-snapshot.js';
import { buildPortfolioFacts } from '../../shared/account-facts.js';
import { AS_OF, aMonth, anAccount, aSnapshot } from '../../testing/snapshot.fixture.js';
import { inferLifecycle } from './lifecycle-inference.method.js';

// As of 2026-03-31 (a quarter end), so 2026-Q1 is the last complete quarter.
// Defaults: churn after 12 months, +-5% is stable, two falls make a decline, maturity from percentile 50.
const infer = (account: AccountSnapshot, asOf = AS_OF, others: AccountSnapshot[] = []) => {
  const results = inferLifecycle(
    buildPortfolioFacts(aSnapshot([account, ...others], asOf), DEFAULT_POLICY.sales),
    DEFAULT_POLICY.lifecycle,
  );
  // Results come in account-id order, and the account under test is 'a'.
  const [result] = results;
  if (!result) throw new Error('no result');
  return result;
};

/** Revenue in the middle month of each of 2025-Q3, 2025-Q4 and 2026-Q1. */
const quarters = (q3: number, q4: number, q1: number, more: Partial<AccountSnapshot> = {}): AccountSnapshot =>
  anAccount('a', {
    months: [aMonth('2025-08', q3), aMonth('2025-11', q4), aMonth('2026-02', q1)],
    lastOrderAt: '2026-02-15T00:00:00Z',
    ...more,
  });

describe('lifecycle inference from the revenue trend (source 002)', () => {
  it('moves a new account to growth when its first orders raise revenue quarter over quarter', () => {
    const result = infer(quarters(0, 0, 100));
    expect([result.stage, result.changed]).toEqual(['growth', true]);
    expect(result.reasons[0]).toBe(
      'revenue rose by more than 5.0% last quarter (2025-Q3 0.00, 2025-Q4 0.00, 2026-Q1 100.00) -> growth',
    );
  });

  it('moves a mature account to decline when revenue falls two quarters running', () => {
    // 300 -> 200 (below 300 x 0.95 = 285) -> 100 (below 200 x 0.95 = 190)
    const result = infer(quarters(300, 200, 100, { stage: 'maturity' }));
    expect(result.stage).toBe('decline');
    expect(result.reasons.at(-1)).toBe('stage maturity -> decline');
  });

  it('does not call one fall a decline', () => {
    // 300 -> 290 (within 5% of 300) -> 100: one fall
    const result = infer(quarters(300, 290, 100, { stage: 'maturity' }));
    expect([result.stage, result.changed, result.signal]).toEqual(['maturity', false, null]);
  });

  it('keeps the current stage, with a reason, when the trend points to a move the lifecycle does not allow', () => {
    const result = infer(quarters(300, 200, 100, { stage: 'growth' }));
    expect([result.stage, result.signal]).toEqual(['growth', 'decline']);
    expect(result.reasons.at(-1)).toBe(
      'stage growth kept: growth -> decline is not a move an evaluation may infer',
    );
  });

  it('moves a growing account to maturity when revenue is high and stable', () => {
    // 1000 -> 1020 is within 5%; sales percentile 100 among two sellers (>= 50).
    const small = anAccount('b', { months: [aMonth('2026-01', 10)], lastOrderAt: '2026-01-02T00:00:00Z' });
    const result = infer(quarters(900, 1000, 1020, { stage: 'growth' }), AS_OF, [small]);
    expect(result.stage).toBe('maturity');
  });

  it('lets a declining account recover into growth', () => {
    expect(infer(quarters(200, 100, 200, { stage: 'decline' })).stage).toBe('growth');
  });

  it('churns an account twelve months after its last order, and not a second before', () => {
    const lapsed = (lastOrderAt: string) =>
      infer(anAccount('a', { stage: 'growth', months: [aMonth('2025-03', 500)], lastOrderAt }));
    const churned = lapsed('2025-03-31T23:59:59Z');
    expect(churned.stage).toBe('churn');
    expect(churned.reasons[0]).toBe('no order since 2025-03-31: 12 months without orders -> churn');
    expect(lapsed('2025-04-01T00:00:00Z').stage).toBe('growth');
  });

  it('wins back a churned account that orders again, restarting it at acquisition', () => {
    const result = infer(
      anAccount('a', {
        stage: 'churn',
        stageChangedAt: '2025-12-31T00:00:00Z',
        stageBasis: 'inferred',
        months: [aMonth('2026-02', 200)],
        lastOrderAt: '2026-02-01T00:00:00Z',
      }),
    );
    expect([result.stage, result.winBack, result.changed]).toEqual(['acquisition', true, true]);
    expect(result.reasons[0]).toBe('ordered on 2026-02-01 after churning on 2025-12-31: won back');
  });

  it('leaves a churned account without new orders churned', () => {
    const result = infer(
      anAccount('a', {
        stage: 'churn',
        stageChangedAt: '2026-01-01T00:00:00Z',
        lastOrderAt: '2024-12-01T00:00:00Z',
      }),
    );
    expect([result.stage, result.winBack, result.changed]).toEqual(['churn', false, false]);
  });

  it('lets a manual change made since the previous quarter began stand, whatever the trend', () => {
    // As of 2026-03-31 the previous quarter began on 2025-10-01.
    const manual = (stageChangedAt: string) =>
      infer(quarters(300, 200, 100, { stage: 'maturity', stageBasis: 'manual', stageChangedAt }));
    const held = manual('2025-10-01T00:00:00Z');
    expect([held.stage, held.manualHold]).toEqual(['maturity', true]);
    expect(held.reasons[0]).toBe(
      'stage maturity was set by the team on 2025-10-01; manual changes stand until a full quarter after them is complete',
    );
    expect(manual('2025-09-30T23:59:59Z').stage).toBe('decline');
  });

  it('leaves an account that never ordered in its stage', () => {
    const result = infer(anAccount('a'));
    expect([result.stage, result.changed, result.reasons]).toEqual([
      'acquisition',
      false,
      ['no orders yet', 'stage acquisition kept'],
    ]);
  });

  it('ignores a quarter still in progress, which would look like a fall', () => {
    // As of 2026-05-15, 2026-Q2 is running: 2026-04's 10 does not count, leaving one fall (300 -> 200).
    const account = anAccount('a', {
      stage: 'maturity',
      months: [aMonth('2025-11', 300), aMonth('2026-02', 200), aMonth('2026-04', 10)],
      lastOrderAt: '2026-04-10T00:00:00Z',
    });
    expect(infer(account, '2026-05-15T00:00:00Z').stage).toBe('maturity');
    expect(infer(account, '2026-06-30T12:00:00Z').stage).toBe('decline');
  });
});
