import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { KAM_CONFIG } from '@kam/application';
import type { KamConfig } from '@kam/config';
import type { EvaluationEnvironment } from '../open-evaluation.js';
import { loadActivePolicy } from '../policy/active-policy.js';
import type { TypedQueue } from '../queue/evaluation-queue.js';
import {
  startInProcessSchedule,
  startQueueSchedule,
  type ScheduleHandle,
} from '../schedule/evaluation-schedule.js';
import { EVALUATION_ENVIRONMENT, EVALUATION_QUEUE } from './evaluation.tokens.js';

/** `kam serve`'s scheduler: a BullMQ job scheduler with Redis, croner in this process without. */
@Injectable()
export class EvaluationScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('EvaluationScheduler');
  private handle: ScheduleHandle | null = null;

  constructor(
    @Inject(EVALUATION_ENVIRONMENT) private readonly environment: EvaluationEnvironment,
    @Inject(EVALUATION_QUEUE) private readonly queue: TypedQueue | null,
    @Inject(KAM_CONFIG) private readonly config: KamConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const cron = this.config.evaluationCron;
    const log = (line: string) => this.logger.log(line);
    this.handle =
      this.queue === null
        ? startInProcessSchedule(
            this.environment.deps,
            cron,
            async () => (await loadActivePolicy(this.config)).policy,
            log,
          )
        : await startQueueSchedule(this.queue, cron, log);
    const where = this.handle.mode === 'queue' ? 'on BullMQ workers (kam worker)' : 'in this process';
    this.logger.log(
      `portfolio evaluation scheduled "${cron}" ${where}; next ${this.handle.nextRun()?.toISOString()}`,
    );
  }

  /** The schedule that is running, for a status page. */
  schedule(): ScheduleHandle | null {
    return this.handle;
  }

  async stop(): Promise<void> {
    await this.handle?.stop();
    this.handle = null;
  }
}
