import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { PAYMENT_MODES, SALES_CHANNELS, type PaymentMode, type SalesChannel } from '@kam/domain';
import { ExplainedFactDto, MAX_TEXT } from './fact.dto.js';
import { IsCurrencyCode, IsDecimalAmount, IsIsoInstant } from './field-validators.js';

/** Money travels flat, as in the fixed exchange: a decimal-string amount beside its currency. */
class PricedFactDto extends ExplainedFactDto {
  @ApiProperty({ example: '1200.50', description: 'decimal string above zero' })
  @IsDecimalAmount('positive')
  amount!: string;

  @ApiProperty({ example: 'CNY', description: 'ISO 4217' })
  @IsCurrencyCode()
  currency!: string;
}

export class RecordOrderDto extends PricedFactDto {
  @ApiProperty({ example: 'o-1', description: 'the order id; recording the same id again records nothing' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  orderId!: string;

  @ApiProperty({ example: '300.00', description: 'decimal string in the same currency; negative for a loss' })
  @IsDecimalAmount('any')
  grossProfit!: string;

  @ApiPropertyOptional({ enum: SALES_CHANNELS, default: 'direct' })
  @IsOptional()
  @IsIn(SALES_CHANNELS)
  channel?: SalesChannel;
}

export class IssueInvoiceDto extends PricedFactDto {
  @ApiProperty({ example: 'inv-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  invoiceId!: string;

  @ApiProperty({ example: '2026-02-15' })
  @IsIsoInstant()
  dueAt!: string;
}

/** `occurredAt` is when the payment arrived. */
export class ReceivePaymentDto extends PricedFactDto {
  @ApiProperty({
    example: 'inv-1',
    description: 'the invoice paid; a second payment of a paid invoice records nothing',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  invoiceId!: string;
}

export class AgreePaymentTermsDto extends ExplainedFactDto {
  @ApiProperty({ enum: PAYMENT_MODES })
  @IsIn(PAYMENT_MODES)
  mode!: PaymentMode;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  creditDays?: number;
}
