import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  EvaluationService,
  type EvaluationInput,
  type EvaluationRun,
  type EvaluationSummary,
  type StartedRun,
} from '@kam/evaluation';
import { PolicyValidationError, validatePolicy } from '@kam/policies';
import { RequireRole } from '../auth/roles.decorator.js';
import { RequestValidationError, ResourceNotFoundError } from '../http/api-errors.js';
import type { ApiResponse } from '../http/api-request.js';
import { Idempotent } from '../idempotency/idempotency.interceptor.js';
import { KamMetrics } from '../operations/metrics/kam-metrics.js';
import { StartEvaluationDto } from './dto/start-evaluation.dto.js';

/** A policy sent in the body is checked here, so its issues come back as this request's 400. */
const inputOf = (body: StartEvaluationDto): EvaluationInput => {
  try {
    return {
      asOf: body.asOf === undefined ? undefined : new Date(body.asOf),
      policy: body.policy === undefined ? undefined : validatePolicy(body.policy, 'the request body'),
    };
  } catch (error) {
    if (!(error instanceof PolicyValidationError)) throw error;
    throw new RequestValidationError(
      error.issues.map((issue) => ({
        field: `policy${issue.path.replaceAll('/', '.')}`,
        rule: issue.rule,
        message: issue.message,
      })),
    );
  }
};

@ApiTags('evaluations')
@Controller('evaluations')
export class EvaluationsController {
  constructor(
    @Inject(EvaluationService) private readonly evaluations: EvaluationService,
    @Inject(KamMetrics) private readonly metrics: KamMetrics,
  ) {}

  @Post()
  @RequireRole('admin')
  @Idempotent()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start an evaluation run of the whole portfolio (admin); poll GET /evaluations/{runId}',
  })
  @ApiAcceptedResponse({
    description: '{ runId, status: "queued", policyVersion, asOf }, with a Location header',
  })
  async start(
    @Body() body: StartEvaluationDto,
    @Res({ passthrough: true }) reply: ApiResponse,
  ): Promise<StartedRun> {
    const started = await this.evaluations.start(inputOf(body), 'api');
    this.metrics.evaluationRuns.inc({ outcome: 'started' });
    void reply.header('Location', `/evaluations/${encodeURIComponent(started.runId)}`);
    return started;
  }

  @Post('dry-run')
  @RequireRole('admin')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: 'What a run would change now, computed and written nowhere (admin)' })
  @ApiOkResponse({
    description: '{ runId, policyVersion, accounts, changed, unchanged, failed, seconds, byTier }',
  })
  async dryRun(@Body() body: StartEvaluationDto): Promise<EvaluationSummary> {
    const summary = await this.evaluations.dryRun(inputOf(body));
    this.metrics.evaluationRuns.inc({ outcome: 'dry_run' });
    return summary;
  }

  @Get(':runId')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'A run: status, progress while it runs, figures per tier once done' })
  async get(@Param('runId') runId: string): Promise<EvaluationRun> {
    const run = await this.evaluations.get(runId);
    if (run === null) throw new ResourceNotFoundError(`No evaluation run ${runId}`);
    return run;
  }
}
