import { Cron } from 'croner';
import type { PolicyDocument } from '@kam/policies';
import type { EvaluationDeps } from '../run/evaluation-deps.js';
import { driveRun } from '../run/run-in-process.js';
import { recordScheduledRun } from '../run/scheduled-run.js';
import { errorText } from '../run/summarise-run.js';
import { upsertEvaluationSchedule, type TypedQueue } from '../queue/evaluation-queue.js';
import { unfinishedRunIds } from '../store/evaluation-run.store.js';

export type ScheduleHandle = Readonly<{
  mode: 'queue' | 'in_process';
  cron: string;
  nextRun: () => Date | null;
  stop: () => Promise<void>;
}>;

type Log = (line: string) => void;

/**
 * Without Redis: croner fires the same scheduled run on the same cron, in this process. Two
 * processes firing the same slot record one run (its id comes from the slot); the second finds it
 * and only helps it along, which the run's idempotence makes harmless.
 */
export const startInProcessSchedule = (
  deps: EvaluationDeps,
  cron: string,
  loadPolicy: () => Promise<PolicyDocument>,
  log: Log,
): ScheduleHandle => {
  let running: Promise<void> = resumeInProcessRuns(deps, log);
  const fire = async (slot: Date): Promise<void> => {
    const { runId, created } = await recordScheduledRun(deps, slot, await loadPolicy(), 'in_process');
    log(`scheduled evaluation run ${runId} ${created ? 'started' : 'already recorded; resuming it'}`);
    await driveRun(deps, runId);
  };
  const job = new Cron(cron, { protect: true }, (self: Cron) => {
    const slot = self.currentRun() ?? deps.clock();
    // One run at a time in this process: a slot that fires while a resumed run goes on waits for it.
    running = running
      .then(() => fire(slot))
      .catch((error: unknown) => log(`scheduled evaluation failed: ${errorText(error)}`));
    return running;
  });
  return {
    mode: 'in_process',
    cron,
    nextRun: () => job.nextRun(),
    stop: async () => {
      job.stop();
      await running;
    },
  };
};

/**
 * Runs of this kind that a stopped process left running (kam serve restarted, kam evaluate
 * interrupted) are driven to their end when the schedule starts; their batches redo only what
 * they had not settled, and recognise what they had already appended.
 */
const resumeInProcessRuns = async (deps: EvaluationDeps, log: Log): Promise<void> => {
  try {
    for (const runId of await unfinishedRunIds(deps.db, 'in_process')) {
      log(`resuming evaluation run ${runId}`);
      await driveRun(deps, runId);
    }
  } catch (error) {
    log(`resuming evaluation runs failed: ${errorText(error)}`);
  }
};

/** How often the scheduler is upserted again: a Redis that restarted empty gets it back. */
const REFRESH_MS = 60_000;
/** How long start-up waits for Redis to take the schedule before it goes on without it. */
const REGISTER_WAIT_MS = 5_000;

/**
 * Registers the job scheduler, but a Redis that does not answer must not keep `kam serve` from
 * serving reads and commands: the registration is left pending (the connection retries) and said.
 */
const registerOrCarryOn = async (queue: TypedQueue, cron: string, log: Log): Promise<void> => {
  const registering = upsertEvaluationSchedule(queue, cron);
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<'waited'>((resolve) => {
    timer = setTimeout(() => resolve('waited'), REGISTER_WAIT_MS);
  });
  try {
    if ((await Promise.race([registering, waited])) !== 'waited') return;
  } finally {
    clearTimeout(timer);
  }
  log(
    `evaluation schedule: Redis did not answer within ${REGISTER_WAIT_MS / 1000} s; ` +
      'the schedule is registered once it does (GET /ready shows Redis)',
  );
  registering.then(
    () => log('evaluation schedule: registered, Redis answers again'),
    (error: unknown) => log(`evaluation schedule: ${errorText(error)}`),
  );
};

/** With Redis: a BullMQ job scheduler fires `evaluation.scheduled` jobs that any worker takes. */
export const startQueueSchedule = async (
  queue: TypedQueue,
  cron: string,
  log: Log,
): Promise<ScheduleHandle> => {
  await registerOrCarryOn(queue, cron, log);
  const timer = setInterval(() => {
    upsertEvaluationSchedule(queue, cron).catch((error: unknown) =>
      log(`evaluation schedule: ${errorText(error)}`),
    );
  }, REFRESH_MS);
  timer.unref();
  return {
    mode: 'queue',
    cron,
    nextRun: () => new Cron(cron, { paused: true }).nextRun(),
    stop: async () => clearInterval(timer),
  };
};
