import { Global, Module } from '@nestjs/common';
import { KamMetrics } from './kam-metrics.js';
import { MetricsController } from './metrics.controller.js';

/** Global, so any module of the process can inject KamMetrics and count what it does. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [{ provide: KamMetrics, useFactory: () => new KamMetrics() }],
  exports: [KamMetrics],
})
export class MetricsModule {}
