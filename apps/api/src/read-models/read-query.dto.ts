import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsIsoInstant } from '../accounts/dto/field-validators.js';
import { MAX_WAIT_MS } from './read-after.js';

/** What every read-model query accepts: read-your-writes and the date its figures are computed for. */
export class ReadQueryDto {
  @ApiPropertyOptional({
    description: 'a position a command answered: wait until the read models have reached it',
  })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'must be a position (a decimal string) that a command answered' })
  after?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_WAIT_MS,
    default: 5000,
    description: 'ms to wait for `after`',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_WAIT_MS)
  timeoutMs?: number;

  @ApiPropertyOptional({ description: 'the date the trailing-twelve-month figures end at (default now)' })
  @IsOptional()
  @IsIsoInstant()
  asOf?: string;
}
