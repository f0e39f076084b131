import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { portfolio, type PortfolioView, type ReadModels } from '@kam/projections';
import { RequireRole } from '../auth/roles.decorator.js';
import { readAfter } from '../read-models/read-after.js';
import { READ_MODELS } from '../read-models/read-models.module.js';
import { ReadQueryDto } from '../read-models/read-query.dto.js';

@ApiTags('portfolio')
@Controller('portfolio')
export class PortfolioController {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  @Get()
  @RequireRole('viewer')
  @ApiOperation({ summary: 'The portfolio at a glance: tiers with revenue share, stages, Pareto curve' })
  @ApiOkResponse({
    description: '{ asOf, accounts, revenue12m, tiers: {tier: {count, revenueShare}}, stages, pareto }',
  })
  async show(@Query() query: ReadQueryDto): Promise<PortfolioView> {
    await readAfter(this.readModels, query.after, query.timeoutMs);
    return portfolio(this.readModels.db, { asOf: query.asOf });
  }
}
