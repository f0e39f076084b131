import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { RequireRole } from '../auth/roles.decorator.js';
import { NotReadyError } from '../http/api-errors.js';
import { ReadinessChecks } from './readiness.checks.js';

/** Probes for orchestrators: open to all, never throttled. */
@ApiTags('operations')
@Controller()
@RequireRole('public')
@SkipThrottle()
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(ReadinessChecks) private readonly readiness: ReadinessChecks,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: event store, read-model database, and Redis when configured' })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.readiness.checks());
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const down = (error.getResponse() as Partial<HealthCheckResult>).error ?? {};
      throw new NotReadyError(
        Object.entries(down).map(([name, info]) => ({
          field: name,
          rule: 'up',
          message: typeof info?.message === 'string' ? info.message : 'is down',
        })),
      );
    }
  }
}
