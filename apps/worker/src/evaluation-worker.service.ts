import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { KAM_CONFIG } from '@kam/application';
import type { KamConfig } from '@kam/config';
import {
  EVALUATION_ENVIRONMENT,
  loadActivePolicy,
  startEvaluationWorker,
  type EvaluationEnvironment,
  type RunningWorker,
} from '@kam/evaluation';
import { WORKER_OPTIONS, type WorkerOptions } from './worker.options.js';

/** The BullMQ worker of the evaluation queue, started with the app and drained on shutdown. */
@Injectable()
export class EvaluationWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EvaluationWorker');
  private running: RunningWorker | null = null;

  constructor(
    @Inject(KAM_CONFIG) private readonly config: KamConfig,
    @Inject(EVALUATION_ENVIRONMENT) private readonly environment: EvaluationEnvironment,
    @Inject(WORKER_OPTIONS) private readonly options: WorkerOptions,
  ) {}

  onApplicationBootstrap(): void {
    const redisUrl = this.config.redisUrl;
    if (redisUrl === null) throw new Error('REDIS_URL is not set');
    const loadPolicy = async () => (await loadActivePolicy(this.config)).policy;
    this.running = startEvaluationWorker(
      { ...this.environment.deps, loadPolicy },
      {
        redisUrl,
        prefix: this.options.queuePrefix,
        concurrency: this.options.concurrency,
        recoverEveryMs: this.options.recoverEveryMs,
        lockDurationMs: this.options.lockDurationMs,
        stalledIntervalMs: this.options.stalledIntervalMs,
        log: (line) => this.options.log(line),
      },
    );
    this.running.worker.on('completed', (job) => this.options.log(`job ${job.id ?? '?'} done`));
    this.logger.log('evaluation worker started');
  }

  /** Waits for the job in hand to finish: a batch is never cut off by a deploy. */
  async onApplicationShutdown(): Promise<void> {
    await this.running?.close();
    this.running = null;
  }
}
