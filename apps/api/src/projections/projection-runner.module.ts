import { Global, Module } from '@nestjs/common';
import { ProjectionRunnerService } from './projection-runner.service.js';

/** `kam serve`'s in-process projection runner; import it as a background module. */
@Global()
@Module({ providers: [ProjectionRunnerService], exports: [ProjectionRunnerService] })
export class ProjectionRunnerModule {}
