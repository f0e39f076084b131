import { Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import Database from 'better-sqlite3';
import { KAM_CONFIG } from '@kam/application';
import type { KamConfig } from '@kam/config';
import { EVENT_STORE, type EventStore } from '@kam/event-store';
import { EVALUATION_ENVIRONMENT, type EvaluationEnvironment } from '@kam/evaluation';
import {
  prepareAccountReader,
  projectionStatus,
  type AccountReader,
  type ReadModels,
} from '@kam/projections';
import { KamMetrics } from '../operations/metrics/kam-metrics.js';

/** The read models every query answers from (in the SQLite file beside the log). */
export const READ_MODELS = Symbol('READ_MODELS');

/**
 * GET /accounts/{id}, the API's hottest read, on a connection of its own with its statement prepared
 * once. The connection only reads (query_only), so in WAL mode it never waits for, nor holds up, the
 * writers of this process; one statement reads one snapshot, so it needs no transaction either.
 */
export class AccountReadConnection implements OnApplicationShutdown {
  readonly read: AccountReader;
  private readonly db: Database.Database;

  // READ_MODELS first: the file and its schema exist by then.
  constructor(@Inject(KAM_CONFIG) config: KamConfig, @Inject(READ_MODELS) _readModels: ReadModels) {
    this.db = new Database(config.sqliteFile, { fileMustExist: true });
    try {
      this.db.pragma('query_only = true');
      this.read = prepareAccountReader(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  onApplicationShutdown(): void {
    this.db.close();
  }
}

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
    AccountReadConnection,
  ],
  exports: [READ_MODELS, AccountReadConnection],
})
export class ReadModelsModule {}
