import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { KAM_CONFIG } from '@kam/application';
import type { KamConfig } from '@kam/config';
import { EVENT_STORE, type EventStore } from '@kam/event-store';
import { sql } from 'kysely';
import type { ReadModels } from '@kam/projections';
import { ProjectionRunnerService } from '../projections/projection-runner.service.js';
import { READ_MODELS } from '../read-models/read-models.module.js';

const CHECK_TIMEOUT_MS = 2000;

const withTimeout = async <T>(work: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/** What `/ready` asks: can this process read the log, its local database and (when used) Redis. */
@Injectable()
export class ReadinessChecks implements OnApplicationShutdown {
  private readonly redis: Redis | null;

  constructor(
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(KAM_CONFIG) config: KamConfig,
    @Optional() @Inject(ProjectionRunnerService) private readonly runner: ProjectionRunnerService | null,
  ) {
    this.redis =
      config.redisUrl === null
        ? null
        : new Redis(config.redisUrl, {
            lazyConnect: true,
            maxRetriesPerRequest: 1,
            connectTimeout: CHECK_TIMEOUT_MS,
          });
  }

  async eventStore(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('eventStore');
    try {
      const head = await withTimeout(this.store.headPosition());
      return check.up({ head: head.toString() });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  async readModelDatabase(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('readModelDatabase');
    try {
      await withTimeout(sql`select 1`.execute(this.readModels.db));
      return check.up();
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  /** A runner that stopped on an event leaves the read models behind the log until someone acts. */
  async projectionRunner(runner: ProjectionRunnerService): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('projectionRunner');
    const status = runner.status;
    return status.state === 'failed'
      ? check.down({ message: status.error })
      : check.up({ state: status.state });
  }

  checks(): (() => Promise<HealthIndicatorResult>)[] {
    const { redis, runner } = this;
    const checks = [() => this.eventStore(), () => this.readModelDatabase()];
    if (runner !== null) checks.push(() => this.projectionRunner(runner));
    if (redis !== null) checks.push(() => this.redisCheck(redis));
    return checks;
  }

  private async redisCheck(redis: Redis): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('redis');
    try {
      if (redis.status === 'wait') await withTimeout(redis.connect());
      await withTimeout(redis.ping());
      return check.up();
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
