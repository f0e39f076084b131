import { Module, type DynamicModule } from '@nestjs/common';
import { KamCoreModule } from '@kam/application';
import type { KamConfig } from '@kam/config';
import { EvaluationModule } from '@kam/evaluation';
import { EvaluationWorkerService } from './evaluation-worker.service.js';
import { WORKER_OPTIONS, type WorkerOptions } from './worker.options.js';

/** `kam worker`: the engine's core and the queue's workers; no HTTP server, no schedule. */
@Module({})
export class WorkerModule {
  static forRoot(config: KamConfig, options: WorkerOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [KamCoreModule.forRoot(config), EvaluationModule.forRoot()],
      providers: [{ provide: WORKER_OPTIONS, useValue: options }, EvaluationWorkerService],
    };
  }
}
