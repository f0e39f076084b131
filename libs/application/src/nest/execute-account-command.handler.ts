import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@kam/event-store';
import { AccountRepository } from '../account-repository.js';
import { handleAccountCommand, type CommandOutcome } from '../handle-account-command.js';
import { ExecuteAccountCommand } from './execute-account-command.js';

@CommandHandler(ExecuteAccountCommand)
export class ExecuteAccountCommandHandler implements ICommandHandler<ExecuteAccountCommand, CommandOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AccountRepository) private readonly repository: AccountRepository,
  ) {}

  execute({ command, context }: ExecuteAccountCommand): Promise<CommandOutcome> {
    return handleAccountCommand(this.store, this.repository, command, context);
  }
}
