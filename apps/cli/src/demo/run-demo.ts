import { appendDecision, deterministicUuid, type AccountRepository } from '@kam/application';
import { LIFECYCLE_STAGES, type LifecycleStage } from '@kam/domain';
import type { EventStore } from '@kam/event-store';
import { addMonths, endOfMonth, isQuarterEnd, startOfMonth } from './demo-calendar.js';
import { drawDemoAccount } from './demo-account.js';
import { DemoAccountSimulation } from './demo-account-simulation.js';
import { decideAccountMonth } from './decide-account-month.js';
import { SeededRandom } from './random.js';
import type { SimulatedClock } from './simulated-clock.js';

export type DemoOptions = Readonly<{
  accounts: number;
  years: number;
  seed: number;
  /** The simulation ends the month before this date; with the seed, it fixes the portfolio. */
  until: Date;
  /** Accounts whose month is appended in one turn (their appends share a commit). */
  concurrency?: number;
  onProgress?: (progress: Readonly<{ month: number; months: number; events: number }>) => void;
  /** Called at every quarter's close (an evaluation run, once there is one). */
  afterQuarterEnd?: (asOf: Date) => Promise<void>;
}>;

export type DemoSummary = Readonly<{
  accounts: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  stages: Readonly<Record<LifecycleStage, number>>;
  sampleAccountIds: readonly string[];
}>;

type Engine = Readonly<{ store: EventStore; repository: AccountRepository; clock: SimulatedClock }>;

/**
 * A group of accounts' month: their states read in a few queries, each account's commands decided
 * together, and every account's events appended with the revision read, all queued in the same
 * turn so the store writes them in one group commit (the evaluation's batch path does the same).
 */
const recordMonth = async (
  engine: Engine,
  group: readonly DemoAccountSimulation[],
  m: number,
  monthStart: Date,
  seed: number,
): Promise<number> => {
  const monthEnd = endOfMonth(monthStart);
  const now = monthEnd.toISOString();
  const planned = group
    .map((simulation) => ({
      accountId: simulation.account.accountId,
      steps: simulation.month(m, monthStart, monthEnd, now),
    }))
    .filter(({ steps }) => steps.length > 0);
  const states = await engine.repository.loadMany(planned.map(({ accountId }) => accountId));
  const appending = planned.map(({ accountId, steps }) => {
    const loaded = states.get(accountId);
    if (loaded === undefined) throw new Error(`The demo could not read account ${accountId}`);
    const decision = decideAccountMonth(loaded, accountId, steps, m, now, seed);
    return appendDecision(engine.store, engine.repository, decision);
  });
  const outcomes = await Promise.all(appending);
  return outcomes.reduce((sum, outcome) => sum + outcome.events.length, 0);
};

/** A realistic synthetic portfolio, recorded through the real command path in time order. */
export const runDemo = async (engine: Engine, options: DemoOptions): Promise<DemoSummary> => {
  const started = performance.now();
  const months = options.years * 12;
  const spanStart = startOfMonth(addMonths(options.until, -months));
  const root = new SeededRandom(options.seed);
  const simulations = Array.from({ length: options.accounts }, (_, index) => {
    const accountId = deterministicUuid('kam-demo-account', String(options.seed), String(index));
    return new DemoAccountSimulation(
      drawDemoAccount(root.fork(index * 2), index, accountId, months),
      root.fork(index * 2 + 1),
    );
  });
  let events = 0;
  for (let m = 0; m < months; m += 1) {
    const monthStart = addMonths(spanStart, m);
    engine.clock.set(endOfMonth(monthStart));
    const active = simulations.filter((s) => s.account.trajectory.registeredAt <= m);
    const groupSize = options.concurrency ?? 256;
    for (let start = 0; start < active.length; start += groupSize) {
      const group = active.slice(start, start + groupSize);
      events += await recordMonth(engine, group, m, monthStart, options.seed);
    }
    if (isQuarterEnd(monthStart)) await options.afterQuarterEnd?.(endOfMonth(monthStart));
    options.onProgress?.({ month: m + 1, months, events });
  }
  const stages = Object.fromEntries(LIFECYCLE_STAGES.map((s) => [s, 0])) as Record<LifecycleStage, number>;
  const final = await engine.repository.loadMany(simulations.map((s) => s.account.accountId));
  for (const { state } of final.values()) if (state.status === 'Active') stages[state.stage] += 1;
  const seconds = (performance.now() - started) / 1000;
  return {
    accounts: options.accounts,
    events,
    seconds: Math.round(seconds * 100) / 100,
    eventsPerSecond: Math.round(events / seconds),
    stages,
    sampleAccountIds: simulations.slice(0, 3).map((s) => s.account.accountId),
  };
};
