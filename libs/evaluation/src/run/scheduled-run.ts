import type { PolicyDocument } from '@kam/policies';
import { createRun } from './create-run.js';
import type { EvaluationDeps } from './evaluation-deps.js';
import type { RunMode } from './evaluation-run.types.js';
import { scheduledRunId } from './run-ids.js';

/**
 * A cron slot fired: record its run, once however many schedulers fired it. The run evaluates as
 * of the slot (or now, if this process's clock is a little behind the scheduler's).
 */
export const recordScheduledRun = async (
  deps: EvaluationDeps,
  slot: Date,
  policy: PolicyDocument,
  mode: RunMode,
): Promise<Readonly<{ runId: string; created: boolean }>> => {
  const now = deps.clock();
  const asOf = slot.getTime() > now.getTime() ? now : slot;
  const { runId, created } = await createRun(
    deps,
    { runId: scheduledRunId(slot), asOf, policy, trigger: 'schedule' },
    mode,
  );
  return { runId, created };
};
