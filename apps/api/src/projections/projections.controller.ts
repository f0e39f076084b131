import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@kam/event-store';
import {
  PROJECTION_NAMES,
  projectionStatus,
  rebuildProjections,
  type ProjectionStatus,
  type ReadModels,
} from '@kam/projections';
import { RequireRole } from '../auth/roles.decorator.js';
import { Idempotent } from '../idempotency/idempotency.interceptor.js';
import { READ_MODELS } from '../read-models/read-models.module.js';

export type RebuildAnswer = Readonly<{
  projections: readonly string[];
  events: number;
  seconds: number;
  eventsPerSecond: number;
  position: string;
}>;

@ApiTags('projections')
@Controller('projections')
export class ProjectionsController {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Checkpoint, head and lag per projection' })
  @ApiOkResponse({ description: '[{ name, checkpoint, head, lag, lagExact }]' })
  status(): Promise<readonly ProjectionStatus[]> {
    return projectionStatus(this.readModels.db, this.store);
  }

  /**
   * Answers when the rebuilt tables are swapped in; readers meanwhile see the old ones. A live runner
   * keeps going and resumes after the rebuilt checkpoint.
   */
  @Post(':name/rebuild')
  @RequireRole('admin')
  @Idempotent()
  @HttpCode(200)
  @ApiParam({ name: 'name', enum: [...PROJECTION_NAMES, 'all'] })
  @ApiOperation({ summary: 'Replay the log into fresh tables, then swap them in (admin)' })
  @ApiOkResponse({ description: '{ projections, events, seconds, eventsPerSecond, position }' })
  async rebuild(@Param('name') name: string): Promise<RebuildAnswer> {
    const result = await rebuildProjections({
      readModels: this.readModels,
      store: this.store,
      projections: name === 'all' ? 'all' : [name],
    });
    return { ...result, position: result.position.toString() };
  }
}
