import { ApiProperty } from '@nestjs/swagger';

/** What every command answers: where the account's stream and the global log stand after it. */
export class CommandReceiptDto {
  @ApiProperty({ example: '0f8fad5b-d9cb-469f-a165-70867728950e' })
  accountId!: string;

  @ApiProperty({
    type: 'integer',
    example: 1,
    description: "The stream's revision after the command; send it as If-Match",
  })
  revision!: number;

  @ApiProperty({
    example: '1042',
    description:
      'Global position of the last event written, as a decimal string; pass it as ?after= to read your write',
  })
  position!: string;
}
