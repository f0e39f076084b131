import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { LIFECYCLE_STAGES } from '@kam/domain';
import type { AccountSort } from '@kam/projections';
import { ReadQueryDto } from '../../read-models/read-query.dto.js';
import { MAX_TEXT } from './fact.dto.js';

const SORTS: readonly AccountSort[] = ['name', 'revenue12m', 'score'];

export class ListAccountsQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: 'tier name, e.g. strategic' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  tier?: string;

  @ApiPropertyOptional({ enum: LIFECYCLE_STAGES })
  @IsOptional()
  @IsIn(LIFECYCLE_STAGES)
  stage?: string;

  @ApiPropertyOptional({ description: 'the owner in the account team' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  owner?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  region?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  industry?: string;

  @ApiPropertyOptional({
    enum: SORTS,
    default: 'name',
    description: 'name ascending; revenue12m and score descending',
  })
  @IsOptional()
  @IsIn(SORTS)
  sort?: AccountSort;

  @ApiPropertyOptional({ description: 'the `next` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
