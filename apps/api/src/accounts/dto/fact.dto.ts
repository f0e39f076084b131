import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIsoInstant } from './field-validators.js';

export const MAX_TEXT = 200;
export const MAX_LONG_TEXT = 2000;

/** Every command records a fact that happened at some time; by default, now. */
export class FactDto {
  @ApiPropertyOptional({
    example: '2026-01-15T00:00:00Z',
    description:
      'When it happened (ISO-8601 date, or date-time with offset); defaults to now; at most 5 minutes ahead',
  })
  @IsOptional()
  @IsIsoInstant()
  occurredAt?: string;
}

/** A fact whose `reason` is optional metadata (the X-Reason header works too). */
export class ExplainedFactDto extends FactDto {
  @ApiPropertyOptional({ description: 'Why it was recorded; kept in the event metadata', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
