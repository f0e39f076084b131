import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { KamCoreModule } from '@kam/application';
import { EvaluationModule, QueueViewModule } from '@kam/evaluation';
import type { KamConfig } from '@kam/config';
import { AccountsModule } from './accounts/accounts.module.js';
import { ApiKeyGuard } from './auth/api-key.guard.js';
import { EvaluationsModule } from './evaluations/evaluations.module.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { ApiValidationPipe } from './http/validation.pipe.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { MetricsModule } from './operations/metrics/metrics.module.js';
import { OperationsModule } from './operations/operations.module.js';
import { PortfolioModule } from './portfolio/portfolio.module.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { ReadModelsModule } from './read-models/read-models.module.js';

export type ApiModuleOptions = Readonly<{
  /** Requests per minute per client address; 0 turns rate limiting off (benchmarks). */
  rateLimitPerMinute: number;
  /**
   * Modules that run beside the API in `kam serve`: the projection runner, the evaluation
   * scheduler. The API does not depend on them; they share the engine's core.
   */
  background?: readonly (DynamicModule | Type)[];
  /** Fire evaluation runs on KAM_EVALUATION_CRON (BullMQ with REDIS_URL, in-process without). */
  scheduleEvaluations?: boolean;
}>;

/** The HTTP application: the engine's core, the capability modules, and the edge's guards. */
@Module({})
export class ApiModule {
  static forRoot(config: KamConfig, options: ApiModuleOptions): DynamicModule {
    const limit = options.rateLimitPerMinute;
    const limited = limit > 0;
    return {
      module: ApiModule,
      imports: [
        KamCoreModule.forRoot(config),
        MetricsModule,
        IdempotencyModule.forRoot(config.sqliteFile),
        ReadModelsModule,
        ...(limited
          ? [ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: 60_000, limit }] })]
          : []),
        AccountsModule,
        PortfolioModule,
        ProjectionsModule,
        EvaluationModule.forRoot({ schedule: options.scheduleEvaluations ?? false }),
        EvaluationsModule,
        // Read-only view of the evaluation queue at /queues; it declares no role, so it needs admin.
        QueueViewModule,
        OperationsModule,
        ...(options.background ?? []),
      ],
      providers: [
        // Throttling first: a flood of bad keys is limited before any key is hashed. Without a limit
        // the guard is left out rather than asked on every request to skip it.
        ...(limited ? [{ provide: APP_GUARD, useClass: ThrottlerGuard }] : []),
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_PIPE, useClass: ApiValidationPipe },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
