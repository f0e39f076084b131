import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@kam/event-store';
import { openSqliteReadModels, projectionStatus, type ReadModels } from '@kam/projections';
import { KamMetrics } from '../operations/metrics/kam-metrics.js';

/** The read models every query answers from (in the SQLite file beside the log). */
export const READ_MODELS = Symbol('READ_MODELS');

class ReadModelsLifecycle implements OnModuleInit, OnApplicationShutdown {
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

  /** After the HTTP server has let its in-flight requests finish: they may still be reading. */
  async onApplicationShutdown(): Promise<void> {
    await this.readModels.close();
  }
}

@Global()
@Module({})
export class ReadModelsModule {
  static forRoot(sqliteFile: string): DynamicModule {
    return {
      module: ReadModelsModule,
      providers: [
        { provide: READ_MODELS, useFactory: () => openSqliteReadModels({ file: sqliteFile }) },
        ReadModelsLifecycle,
      ],
      exports: [READ_MODELS],
    };
  }
}
