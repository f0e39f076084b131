import { Body, Controller, HttpStatus, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { deterministicUuid } from '@kam/application';
import { Origin, type CommandOrigin } from '../http/command-origin.decorator.js';
import { AccountCommandSender } from './account-command.sender.js';
import { CommandEndpoint } from './command-endpoint.decorator.js';
import type { CommandReceiptDto } from './dto/command-receipt.dto.js';
import { RegisterAccountDto, UpdateProfileDto } from './dto/registration.dto.js';

@ApiTags('accounts')
@Controller('accounts')
export class AccountRegistrationController {
  constructor(@Inject(AccountCommandSender) private readonly sender: AccountCommandSender) {}

  @Post()
  @CommandEndpoint('Register an account; the server chooses its id')
  register(@Body() body: RegisterAccountDto, @Origin() origin: CommandOrigin): Promise<CommandReceiptDto> {
    // With an Idempotency-Key the id is derived from it, so even a retry that outlived the stored
    // answer lands on the same account instead of registering a second one.
    const accountId =
      origin.idempotencyKey === undefined
        ? randomUUID()
        : deterministicUuid('account', origin.actor, origin.idempotencyKey);
    const { name, industry, region, source, occurredAt, reason } = body;
    return this.sender.send(
      origin,
      'RegisterAccount',
      { accountId, name, industry, region, source, occurredAt },
      reason,
    );
  }

  @Put(':id/profile')
  @CommandEndpoint('Update the background profile and product fit (only the fields sent)', HttpStatus.OK)
  updateProfile(
    @Param('id') accountId: string,
    @Body() body: UpdateProfileDto,
    @Origin() origin: CommandOrigin,
  ): Promise<CommandReceiptDto> {
    const { occurredAt, reason, ...profile } = body;
    return this.sender.send(
      origin,
      'UpdateProfile',
      { accountId, profile: { ...profile }, occurredAt },
      reason,
    );
  }
}
