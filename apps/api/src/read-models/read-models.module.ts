import { Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@kam/event-store';
import { EVALUATION_ENVIRONMENT, type EvaluationEnvironment } from '@kam/evaluation';
import { projectionStatus, type ReadModels } from '@kam/projections';
import { KamMetrics } from '../operations/metrics/kam-metrics.js';

/** The read models every query answers from (in the SQLite file beside the log). */
export const READ_MODELS = Symbol('READ_MODELS');

class ProjectionLagMetric implements OnModuleInit {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KamMetrics) private readonly metrics: KamMetrics,
  ) {}

  onModuleInit(): void {
    this.metrics.useProjectionLag(async () =>
      (await projectionStatus(this.readModels.db, this.store)).map(({ name, lag }) => ({ name, lag })),
    );
  }
}

/**
 * The read models are the ones the evaluation environment opens: one set of connections per process.
 * Two opened side by side would each create the schema of a new file in a transaction that spans
 * awaits, and better-sqlite3's synchronous busy wait on one connection would block the event loop
 * the other needs to commit. The evaluation module closes them after the HTTP server has drained.
 */
@Global()
@Module({
  providers: [
    {
      provide: READ_MODELS,
      useFactory: (environment: EvaluationEnvironment) => environment.readModels,
      inject: [EVALUATION_ENVIRONMENT],
    },
    ProjectionLagMetric,
  ],
  exports: [READ_MODELS],
})
export class ReadModelsModule {}
