import { Module } from '@nestjs/common';
import { EvaluationsController } from './evaluations.controller.js';

/** The HTTP face of evaluation runs; EvaluationModule (global, from libs/evaluation) does the work. */
@Module({ controllers: [EvaluationsController] })
export class EvaluationsModule {}
