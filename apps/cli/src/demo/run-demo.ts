import {
  deterministicUuid,
  ExecuteAccountCommand,
  type AccountRepository,
  type CommandContext,
} from '@kam/application';
import { isLegalTransition, LIFECYCLE_STAGES, type AccountCommand, type LifecycleStage } from '@kam/domain';
import type { CommandBus } from '@nestjs/cqrs';
import { addMonths, endOfMonth, isQuarterEnd, startOfMonth } from './demo-calendar.js';
import { drawDemoAccount } from './demo-account.js';
import { DemoAccountSimulation, type DemoStep } from './demo-account-simulation.js';
import { SeededRandom } from './random.js';
import type { SimulatedClock } from './simulated-clock.js';

export type DemoOptions = Readonly<{
  accounts: number;
  years: number;
  seed: number;
  /** The simulation ends the month before this date; with the seed, it fixes the portfolio. */
  until: Date;
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

type Engine = Readonly<{ commandBus: CommandBus; repository: AccountRepository; clock: SimulatedClock }>;

const runPool = async <T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next]!;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
};

/** Turns the team's intent into a command only when it still makes sense for the recorded state. */
const resolveStep = async (
  step: DemoStep,
  accountId: string,
  now: string,
  repository: AccountRepository,
): Promise<AccountCommand | null> => {
  if (step.kind === 'command') return step.command;
  const loaded = await repository.load(accountId);
  if (loaded.state.status !== 'Active') return null;
  const stage = loaded.state.stage;
  const data = { accountId, occurredAt: step.occurredAt, reason: step.reason };
  if (step.kind === 'win-back')
    return stage === 'churn' ? { type: 'WinBackAccount', data, metadata: { now } } : null;
  if (stage === step.to || !isLegalTransition(stage, step.to)) return null;
  return { type: 'ChangeLifecycleStage', data: { ...data, to: step.to }, metadata: { now } };
};

const runAccountMonth = async (
  engine: Engine,
  simulation: DemoAccountSimulation,
  m: number,
  monthStart: Date,
  seed: number,
): Promise<number> => {
  const now = endOfMonth(monthStart).toISOString();
  const { accountId } = simulation.account;
  let events = 0;
  const steps = simulation.month(m, monthStart, endOfMonth(monthStart), now);
  for (const [index, step] of steps.entries()) {
    const command = await resolveStep(step, accountId, now, engine.repository);
    if (command === null) continue;
    const id = deterministicUuid('kam-demo', String(seed), accountId, String(m), String(index));
    const context: CommandContext = {
      actor: step.actor,
      reason: step.kind === 'command' ? (step.reason ?? null) : step.reason,
      correlationId: id,
      causationId: id,
      eventIds: (i) => deterministicUuid(id, String(i)),
    };
    const outcome = await engine.commandBus.execute(new ExecuteAccountCommand(command, context));
    events += outcome.events.length;
  }
  return events;
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
    await runPool(active, options.concurrency ?? 256, async (simulation) => {
      const recorded = await runAccountMonth(engine, simulation, m, monthStart, options.seed);
      events += recorded; // after the await: `events += await ...` would add to a stale total
    });
    if (isQuarterEnd(monthStart)) await options.afterQuarterEnd?.(endOfMonth(monthStart));
    options.onProgress?.({ month: m + 1, months, events });
  }
  const stages = Object.fromEntries(LIFECYCLE_STAGES.map((s) => [s, 0])) as Record<LifecycleStage, number>;
  for (const simulation of simulations) {
    const { state } = await engine.repository.load(simulation.account.accountId);
    if (state.status === 'Active') stages[state.stage] += 1;
  }
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
