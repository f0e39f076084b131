import type { AccountRepository } from '@kam/application';
import type { EventStore } from '@kam/event-store';
import { DEFAULT_POLICY } from '@kam/policies';
import { openEvaluationEnvironment } from '../open-evaluation.js';
import type { EvaluationSummary } from '../run/evaluation-run.types.js';
import { quarterEndRunId } from '../run/run-ids.js';
import { runEvaluationInProcess } from '../run/run-in-process.js';

export type QuarterEndEvaluatorOptions = Readonly<{
  /** `<data-dir>/kam.db`. */
  sqliteFile: string;
  store: EventStore;
  repository: AccountRepository;
  /** The demo's simulated clock: a quarter's run happens at the quarter's close. */
  clock: () => Date;
  onRun?: (summary: EvaluationSummary, asOf: Date) => void;
}>;

export type QuarterEndEvaluator = Readonly<{
  /** Pass as `DemoOptions.afterQuarterEnd`. */
  afterQuarterEnd: (asOf: Date) => Promise<void>;
  close: () => Promise<void>;
}>;

/**
 * The demo's dynamic evaluation: at every quarter's close, bring the read models up to date, then
 * run the default policy in this process as of that instant, under a run id fixed by the date, so
 * the same seed gives the same classification and lifecycle history.
 */
export const openQuarterEndEvaluator = async (
  options: QuarterEndEvaluatorOptions,
): Promise<QuarterEndEvaluator> => {
  const environment = await openEvaluationEnvironment(options);
  return {
    afterQuarterEnd: async (asOf) => {
      const summary = await runEvaluationInProcess(environment.deps, {
        runId: quarterEndRunId(asOf),
        asOf,
        policy: DEFAULT_POLICY,
        trigger: 'demo',
      });
      options.onRun?.(summary, asOf);
    },
    close: () => environment.close(),
  };
};
