import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ExplainedFactDto, MAX_TEXT } from './fact.dto.js';

export class RegisterAccountDto extends ExplainedFactDto {
  @ApiProperty({ example: 'Acme Tooling', maxLength: MAX_TEXT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  name!: string;

  @ApiProperty({ example: 'manufacturing', maxLength: MAX_TEXT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  industry!: string;

  @ApiProperty({ example: 'east', maxLength: MAX_TEXT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  region!: string;

  @ApiPropertyOptional({ example: 'trade fair', maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  source?: string;
}

/** Channel distribution capability (source 000): warehouses, channel widening, channel investment. */
export class ChannelCapabilityDto {
  @ApiProperty({ type: 'integer', minimum: 0 })
  @IsInt()
  @Min(0)
  regionalWarehouses!: number;

  @ApiProperty()
  @IsBoolean()
  channelWidening!: boolean;

  @ApiProperty({ maxLength: MAX_TEXT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  channelInvestment!: string;
}

const FitScore = () =>
  applyDecorators(ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }), IsInt(), Min(0), Max(100));

/** How strongly the account demands each of R&D, quality, price, delivery and after-sales (0-100). */
export class ProductFitDto {
  @FitScore() rAndD!: number;
  @FitScore() quality!: number;
  @FitScore() price!: number;
  @FitScore() fastDelivery!: number;
  @FitScore() afterSales!: number;

  @ApiProperty({ description: 'whether our policies match the demands' })
  @IsBoolean()
  policiesMatch!: boolean;
}

const OptionalText = () =>
  applyDecorators(
    ApiPropertyOptional({ maxLength: MAX_TEXT }),
    IsOptional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(MAX_TEXT),
  );

/** Background profile (source 000); only the fields sent change. */
export class UpdateProfileDto extends ExplainedFactDto {
  @OptionalText() organisationScale?: string;
  @OptionalText() industryReputation?: string;
  @OptionalText() strategicDirection?: string;
  @OptionalText() competitorCooperation?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  employees?: number;

  @ApiPropertyOptional({ enum: ['sound', 'average', 'weak'] })
  @IsOptional()
  @IsIn(['sound', 'average', 'weak'])
  financialStatus?: 'sound' | 'average' | 'weak';

  @ApiPropertyOptional({ type: ChannelCapabilityDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChannelCapabilityDto)
  channelCapability?: ChannelCapabilityDto;

  @ApiPropertyOptional({ type: ProductFitDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProductFitDto)
  productFit?: ProductFitDto;
}
