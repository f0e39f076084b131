import { Inject, Module, Optional, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { AccountRepository, KAM_CONFIG } from '@kam/application';
import type { KamConfig } from '@kam/config';
import { EVENT_STORE, type EventStore } from '@kam/event-store';
import { openEvaluationEnvironment, type EvaluationEnvironment } from '../open-evaluation.js';
import { openQueue, type TypedQueue } from '../queue/evaluation-queue.js';
import { EvaluationScheduler } from './evaluation-scheduler.service.js';
import { EvaluationService } from './evaluation.service.js';
import { EVALUATION_ENVIRONMENT, EVALUATION_QUEUE } from './evaluation.tokens.js';

/** One shutdown, in order: no new scheduled runs, running ones finish, then the connections close. */
class EvaluationCloser implements OnApplicationShutdown {
  constructor(
    @Inject(EVALUATION_ENVIRONMENT) private readonly environment: EvaluationEnvironment,
    @Inject(EVALUATION_QUEUE) private readonly queue: TypedQueue | null,
    @Inject(EvaluationService) private readonly service: EvaluationService,
    @Optional() @Inject(EvaluationScheduler) private readonly scheduler: EvaluationScheduler | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler?.stop();
    await this.service.drain();
    await this.queue?.close();
    await this.environment.close();
  }
}

export type EvaluationModuleOptions = Readonly<{
  /** Fire runs on KAM_EVALUATION_CRON (`kam serve`); off for processes that only start or read runs. */
  schedule?: boolean;
}>;

/**
 * Evaluation runs for a Nest application that imports KamCoreModule: EvaluationService (start, read,
 * dry-run), and with `schedule` the cron. Global, so QueueViewModule and API controllers can inject.
 */
@Module({})
export class EvaluationModule {
  static forRoot(options: EvaluationModuleOptions = {}): DynamicModule {
    return {
      module: EvaluationModule,
      global: true,
      providers: [
        {
          provide: EVALUATION_ENVIRONMENT,
          useFactory: (config: KamConfig, store: EventStore, repository: AccountRepository) =>
            openEvaluationEnvironment({
              sqliteFile: config.sqliteFile,
              store,
              repository,
              // In-process runs (the scheduler without Redis, the API's): threads append to the
              // SQLite file themselves, so only when it is the engine's log.
              batchThreads: config.eventStore === 'sqlite' ? 'auto' : 0,
            }),
          inject: [KAM_CONFIG, EVENT_STORE, AccountRepository],
        },
        {
          provide: EVALUATION_QUEUE,
          useFactory: (config: KamConfig) =>
            config.redisUrl === null ? null : openQueue({ redisUrl: config.redisUrl }),
          inject: [KAM_CONFIG],
        },
        EvaluationCloser,
        EvaluationService,
        ...(options.schedule === true ? [EvaluationScheduler] : []),
      ],
      exports: [EVALUATION_ENVIRONMENT, EVALUATION_QUEUE, EvaluationService],
    };
  }
}
