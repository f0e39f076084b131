import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { LIFECYCLE_STAGES, type LifecycleStage } from '@kam/domain';
import { FactDto } from './fact.dto.js';

export class ChangeLifecycleStageDto extends FactDto {
  @ApiProperty({ enum: LIFECYCLE_STAGES })
  @IsIn(LIFECYCLE_STAGES)
  to!: LifecycleStage;

  @ApiProperty({ description: 'why the team moves the account', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional({ description: 'true to move outside the lifecycle (the reason is then required)' })
  @IsOptional()
  @IsBoolean()
  override?: boolean;
}

export class WinBackAccountDto extends FactDto {
  @ApiProperty({ description: 'why the churned account is back', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
