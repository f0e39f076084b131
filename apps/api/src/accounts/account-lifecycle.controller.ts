import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Origin, type CommandOrigin } from '../http/command-origin.decorator.js';
import { AccountCommandSender } from './account-command.sender.js';
import { CommandEndpoint } from './command-endpoint.decorator.js';
import type { CommandReceiptDto } from './dto/command-receipt.dto.js';
import { ChangeLifecycleStageDto, WinBackAccountDto } from './dto/lifecycle.dto.js';

/** A person's stage changes: they always win over inference, and each carries its reason. */
@ApiTags('accounts: lifecycle')
@Controller('accounts/:id')
export class AccountLifecycleController {
  constructor(@Inject(AccountCommandSender) private readonly sender: AccountCommandSender) {}

  @Post('lifecycle')
  @CommandEndpoint('Change the lifecycle stage by hand (override: true to leave the lifecycle)')
  changeStage(
    @Param('id') accountId: string,
    @Body() body: ChangeLifecycleStageDto,
    @Origin() origin: CommandOrigin,
  ): Promise<CommandReceiptDto> {
    const { to, reason, override, occurredAt } = body;
    return this.sender.send(
      origin,
      'ChangeLifecycleStage',
      { accountId, to, reason, override, occurredAt },
      reason,
    );
  }

  @Post('win-back')
  @CommandEndpoint('Win back a churned account: its stage restarts at acquisition')
  winBack(
    @Param('id') accountId: string,
    @Body() body: WinBackAccountDto,
    @Origin() origin: CommandOrigin,
  ): Promise<CommandReceiptDto> {
    return this.sender.send(
      origin,
      'WinBackAccount',
      { accountId, reason: body.reason, occurredAt: body.occurredAt },
      body.reason,
    );
  }
}
