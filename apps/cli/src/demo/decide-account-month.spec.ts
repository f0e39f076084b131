import { initialState } from '@kam/domain';
import type { LoadedAccount } from '@kam/application';
import { decideAccountMonth } from './decide-account-month.js';
import { drawDemoAccount } from './demo-account.js';
import { DemoAccountSimulation, type DemoStep } from './demo-account-simulation.js';
import { addMonths, endOfMonth } from './demo-calendar.js';
import { SeededRandom } from './random.js';

const NEW_ACCOUNT: LoadedAccount = { state: initialState(), revision: -1n, position: null, hash: null };
const SPAN_START = new Date('2023-01-01T00:00:00.000Z');
const ACCOUNT_ID = '6f1c3f0e-58c1-5d0b-9d6e-3a4a7b1f2c10';

/** The month an account registers in, recorded from nothing: the steps and the decision they make. */
const registrationMonth = () => {
  const account = drawDemoAccount(new SeededRandom(7), 0, ACCOUNT_ID, 36);
  const simulation = new DemoAccountSimulation(account, new SeededRandom(8));
  const m = account.trajectory.registeredAt;
  const monthStart = addMonths(SPAN_START, m);
  const now = endOfMonth(monthStart).toISOString();
  const steps = simulation.month(m, monthStart, endOfMonth(monthStart), now);
  return { m, now, steps, decision: decideAccountMonth(NEW_ACCOUNT, ACCOUNT_ID, steps, m, now, 1) };
};

describe("an account's month decided at once", () => {
  it('decides every command on the state the one before it left, starting with the registration', () => {
    const { decision } = registrationMonth();
    // On the unregistered state every command after RegisterAccount would be refused.
    expect(decision.events.map((event) => event.type).slice(0, 3)).toEqual([
      'AccountRegistered',
      'AccountProfileUpdated',
      'PaymentTermsAgreed',
    ]);
    expect(decision.state.status).toBe('Active');
    expect(decision.toAppend).toHaveLength(decision.events.length);
  });

  it('gives the same event ids and metadata for the same seed, and other ids for another seed', () => {
    const { m, now, steps, decision } = registrationMonth();
    const again = decideAccountMonth(NEW_ACCOUNT, ACCOUNT_ID, steps, m, now, 1);
    const otherSeed = decideAccountMonth(NEW_ACCOUNT, ACCOUNT_ID, steps, m, now, 2);
    expect(again.toAppend).toEqual(decision.toAppend);
    expect(new Set(decision.toAppend.map((event) => event.id)).size).toBe(decision.toAppend.length);
    expect(otherSeed.toAppend.map((event) => event.id)).not.toContain(decision.toAppend[0]?.id);
    // Pinned: demos recorded before keep their ids (a UUID v5 layout over SHA-1 of the parts).
    expect(decision.toAppend[0]?.id).toBe('73eed2ed-cd8a-52ee-9e83-7cd2dc2c32ab');
    expect(decision.toAppend[0]?.metadata.correlationId).toBe('5d1a9b53-67a3-5b0b-bdea-82a9ad51f6e4');
  });

  it("drops a team's stage call or win-back that no longer fits the recorded stage", () => {
    const { m, now, decision } = registrationMonth();
    const registered: LoadedAccount = { state: decision.state, revision: 6n, position: 6n, hash: null };
    const occurredAt = now;
    const intents: DemoStep[] = [
      { kind: 'stage', to: 'acquisition', occurredAt, actor: 'li.wei', reason: 'already there' },
      { kind: 'stage', to: 'maturity', occurredAt, actor: 'li.wei', reason: 'skips growth' },
      { kind: 'win-back', occurredAt, actor: 'li.wei', reason: 'never churned' },
      { kind: 'stage', to: 'growth', occurredAt, actor: 'li.wei', reason: 'orders ramping up' },
      { kind: 'stage', to: 'growth', occurredAt, actor: 'li.wei', reason: 'said twice' },
    ];
    const month = decideAccountMonth(registered, ACCOUNT_ID, intents, m + 1, now, 1);
    expect(month.events.map((event) => event.type)).toEqual(['LifecycleStageChanged']);
    expect(month.state.status === 'Active' && month.state.stage).toBe('growth');
  });
});
