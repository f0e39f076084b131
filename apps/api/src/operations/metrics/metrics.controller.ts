import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { RequireRole } from '../../auth/roles.decorator.js';
import { KamMetrics } from './kam-metrics.js';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(KamMetrics) private readonly metrics: KamMetrics) {}

  @Get()
  @RequireRole('viewer')
  @SkipThrottle()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics: appends, append latency, projection lag, evaluation runs' })
  @ApiProduces('text/plain')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
