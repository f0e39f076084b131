import { Module } from '@nestjs/common';
import { AccountActivitiesController } from './account-activities.controller.js';
import { AccountCommandSender } from './account-command.sender.js';
import { AccountHistoryController } from './account-history.controller.js';
import { AccountQueriesController } from './account-queries.controller.js';
import { AccountLifecycleController } from './account-lifecycle.controller.js';
import { AccountRegistrationController } from './account-registration.controller.js';
import { AccountSalesController } from './account-sales.controller.js';
import { AccountTeamController } from './account-team.controller.js';

// Express tries routes in the order they were registered, one path match each, so the API's
// hottest routes (GET /accounts/{id}, POST /accounts/{id}/orders) come first. Every route's path is
// matched whole, so the order changes no answer.
@Module({
  controllers: [
    AccountQueriesController,
    AccountSalesController,
    AccountRegistrationController,
    AccountTeamController,
    AccountLifecycleController,
    AccountActivitiesController,
    AccountHistoryController,
  ],
  providers: [AccountCommandSender],
})
export class AccountsModule {}
