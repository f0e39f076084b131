import type { EvaluationRun, EvaluationSummary } from './evaluation-run.types.js';
import { EvaluationRunFailedError } from './evaluation.errors.js';

/** A finished run's figures as `kam evaluate` reports them; a failed run is an error. */
export const summariseRun = (run: EvaluationRun, seconds: number): EvaluationSummary => {
  if (run.status === 'failed') throw new EvaluationRunFailedError(run.runId, run.error ?? 'unknown error');
  return {
    runId: run.runId,
    policyVersion: run.policyVersion,
    accounts: run.accounts ?? 0,
    changed: run.changed ?? 0,
    unchanged: run.unchanged ?? 0,
    failed: run.failed ?? 0,
    seconds: Math.round(seconds * 100) / 100,
    byTier: run.byTier ?? {},
  };
};

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
