import { Module } from '@nestjs/common';
import { AccountActivitiesController } from './account-activities.controller.js';
import { AccountCommandSender } from './account-command.sender.js';
import { AccountHistoryController } from './account-history.controller.js';
import { AccountQueriesController } from './account-queries.controller.js';
import { AccountLifecycleController } from './account-lifecycle.controller.js';
import { AccountRegistrationController } from './account-registration.controller.js';
import { AccountSalesController } from './account-sales.controller.js';
import { AccountTeamController } from './account-team.controller.js';

@Module({
  controllers: [
    AccountRegistrationController,
    AccountSalesController,
    AccountTeamController,
    AccountLifecycleController,
    AccountActivitiesController,
    AccountHistoryController,
    AccountQueriesController,
  ],
  providers: [AccountCommandSender],
})
export class AccountsModule {}
