import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ExplainedFactDto, MAX_LONG_TEXT, MAX_TEXT } from './fact.dto.js';

export class AssignTeamMemberDto extends ExplainedFactDto {
  @ApiProperty({ example: 'li.wei' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  member!: string;
}

const Score = () =>
  applyDecorators(ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }), IsInt(), Min(0), Max(100));

/** The account team's six assessment dimensions, each a whole number 0-100. */
export class AssessmentScoresDto {
  @Score() potential!: number;
  @Score() demonstration!: number;
  @Score() winnability!: number;
  @Score() strength!: number;
  @Score() capability!: number;
  @Score() acumen!: number;
}

export class RecordAssessmentDto extends ExplainedFactDto {
  @ApiProperty({ type: AssessmentScoresDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => AssessmentScoresDto)
  scores!: AssessmentScoresDto;

  @ApiPropertyOptional({ description: "who assessed; defaults to the caller's key name" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  assessor?: string;

  @ApiPropertyOptional({ maxLength: MAX_LONG_TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LONG_TEXT)
  note?: string;
}
