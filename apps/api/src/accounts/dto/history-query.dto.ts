import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsIsoInstant } from './field-validators.js';

export class HistoryQueryDto {
  @ApiPropertyOptional({ description: 'event types, comma-separated, e.g. OrderRecorded,PaymentReceived' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  type?: string;

  @ApiPropertyOptional({ description: 'only events that occurred at or after this instant (ISO-8601)' })
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'only events that occurred before this instant (ISO-8601)' })
  @IsOptional()
  @IsIsoInstant()
  to?: string;

  @ApiPropertyOptional({ description: 'the `next` of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'must be the `next` value of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
