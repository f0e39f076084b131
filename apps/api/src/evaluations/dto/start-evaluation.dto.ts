import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';
import { IsIsoInstant } from '../../accounts/dto/field-validators.js';

export class StartEvaluationDto {
  @ApiPropertyOptional({
    example: '2026-03-31',
    description: 'the business date evaluated (default now; never in the future)',
  })
  @IsOptional()
  @IsIsoInstant()
  asOf?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'a policy document (as `kam policy show --json` prints); the active policy when omitted',
  })
  @IsOptional()
  @IsObject()
  policy?: Record<string, unknown>;
}
