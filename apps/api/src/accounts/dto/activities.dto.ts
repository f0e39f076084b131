import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  ACTIVITY_STRATEGIES,
  INTERACTION_KINDS,
  SCENARIOS,
  type ActivityStrategy,
  type InteractionKind,
  type Scenario,
} from '@kam/domain';
import { ExplainedFactDto, MAX_LONG_TEXT, MAX_TEXT } from './fact.dto.js';
import { IsIsoInstant } from './field-validators.js';

export class LogInteractionDto extends ExplainedFactDto {
  @ApiPropertyOptional({ description: 'generated when omitted; logging the same id again records nothing' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  interactionId?: string;

  @ApiProperty({ enum: INTERACTION_KINDS })
  @IsIn(INTERACTION_KINDS)
  kind!: InteractionKind;

  @ApiPropertyOptional({ enum: SCENARIOS })
  @IsOptional()
  @IsIn(SCENARIOS)
  scenario?: Scenario;

  @ApiProperty({ maxLength: MAX_LONG_TEXT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_LONG_TEXT)
  summary!: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(MAX_TEXT, { each: true })
  participants?: string[];
}

export class PlanKeyActivityDto extends ExplainedFactDto {
  @ApiPropertyOptional({ description: 'generated when omitted; planning the same id again records nothing' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  activityId?: string;

  @ApiProperty({ maxLength: MAX_TEXT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  title!: string;

  @ApiProperty({ enum: ACTIVITY_STRATEGIES })
  @IsIn(ACTIVITY_STRATEGIES)
  strategy!: ActivityStrategy;

  @ApiProperty({ example: '2026-06-30' })
  @IsIsoInstant()
  dueAt!: string;

  @ApiPropertyOptional({ maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  assignee?: string;
}

export class CompleteKeyActivityDto extends ExplainedFactDto {
  @ApiProperty({ maxLength: MAX_LONG_TEXT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_LONG_TEXT)
  outcome!: string;
}

export class ReviewKeyActivityDto extends ExplainedFactDto {
  @ApiProperty({ maxLength: MAX_LONG_TEXT, description: 'the evaluation of effect' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_LONG_TEXT)
  evaluation!: string;

  @ApiPropertyOptional({ example: '2026-09-30' })
  @IsOptional()
  @IsIsoInstant()
  revisedDueAt?: string;
}
