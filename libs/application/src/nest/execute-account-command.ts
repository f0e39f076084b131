import { Command } from '@nestjs/cqrs';
import type { AccountCommand } from '@kam/domain';
import type { CommandContext } from '../command-context.js';
import type { CommandOutcome } from '../handle-account-command.js';

/**
 * One envelope for every account command: the domain's `decide` already dispatches by `type`, and
 * @nestjs/cqrs routes by class, so one class keeps a misspelt command type from slipping past.
 */
export class ExecuteAccountCommand extends Command<CommandOutcome> {
  constructor(
    readonly command: AccountCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}
