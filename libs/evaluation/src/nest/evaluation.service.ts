import { Inject, Injectable } from '@nestjs/common';
import { KAM_CONFIG } from '@kam/application';
import type { KamConfig } from '@kam/config';
import type { PolicyDocument } from '@kam/policies';
import type { EvaluationEnvironment } from '../open-evaluation.js';
import { loadActivePolicy } from '../policy/active-policy.js';
import type { TypedQueue } from '../queue/evaluation-queue.js';
import { startEvaluationRun, type StartedRun } from '../queue/start-evaluation-run.js';
import { dryRunEvaluation } from '../run/dry-run.js';
import type { EvaluationRun, EvaluationSummary } from '../run/evaluation-run.types.js';
import { getEvaluationRun } from '../store/get-evaluation-run.js';
import { EVALUATION_ENVIRONMENT, EVALUATION_QUEUE } from './evaluation.tokens.js';

export type EvaluationInput = Readonly<{
  asOf?: Date;
  /** A validated policy document (from a request body); the active policy when absent. */
  policy?: PolicyDocument;
}>;

/** What the API's evaluation endpoints call: start a run, read one, or compute one without writing. */
@Injectable()
export class EvaluationService {
  private readonly running = new Set<Promise<void>>();

  constructor(
    @Inject(EVALUATION_ENVIRONMENT) private readonly environment: EvaluationEnvironment,
    @Inject(EVALUATION_QUEUE) private readonly queue: TypedQueue | null,
    @Inject(KAM_CONFIG) private readonly config: KamConfig,
  ) {}

  /** Throws EvaluationRequestError (field `asOf`) for a future date, PolicyValidationError for a bad policy file. */
  async start(input: EvaluationInput, trigger: 'api' | 'cli' = 'api'): Promise<StartedRun> {
    const policy = input.policy ?? (await loadActivePolicy(this.config)).policy;
    return startEvaluationRun(
      this.environment.deps,
      { asOf: input.asOf, policy, trigger },
      {
        queue: this.queue,
        track: (run) => {
          this.running.add(run);
          void run.finally(() => this.running.delete(run));
        },
      },
    );
  }

  get(runId: string): Promise<EvaluationRun | null> {
    return getEvaluationRun(this.environment.deps.db, runId);
  }

  async dryRun(input: EvaluationInput): Promise<EvaluationSummary> {
    const policy = input.policy ?? (await loadActivePolicy(this.config)).policy;
    return dryRunEvaluation(this.environment.deps, { asOf: input.asOf, policy, trigger: 'api' });
  }

  /** Lets the runs this process started in the background finish. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
