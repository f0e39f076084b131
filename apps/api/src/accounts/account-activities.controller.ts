import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { deterministicUuid } from '@kam/application';
import { Origin, type CommandOrigin } from '../http/command-origin.decorator.js';
import { AccountCommandSender } from './account-command.sender.js';
import { CommandEndpoint } from './command-endpoint.decorator.js';
import type { CommandReceiptDto } from './dto/command-receipt.dto.js';
import {
  CompleteKeyActivityDto,
  LogInteractionDto,
  PlanKeyActivityDto,
  ReviewKeyActivityDto,
} from './dto/activities.dto.js';

/** An id the caller left out: derived from the Idempotency-Key when there is one, so a retry reuses it. */
const idFor = (origin: CommandOrigin, kind: string, given: string | undefined): string =>
  given ??
  (origin.idempotencyKey === undefined
    ? randomUUID()
    : deterministicUuid(kind, origin.actor, origin.idempotencyKey));

/** The account plan (source 004) and the interactions that carry it out. */
@ApiTags('accounts: plan and interactions')
@Controller('accounts/:id')
export class AccountActivitiesController {
  constructor(@Inject(AccountCommandSender) private readonly sender: AccountCommandSender) {}

  @Post('interactions')
  @CommandEndpoint('Log a visit, meeting, on-site guidance, training or call')
  async logInteraction(
    @Param('id') accountId: string,
    @Body() body: LogInteractionDto,
    @Origin() origin: CommandOrigin,
  ): Promise<CommandReceiptDto & { interactionId: string }> {
    const { kind, scenario, summary, participants, occurredAt, reason } = body;
    const interactionId = idFor(origin, 'interaction', body.interactionId);
    const receipt = await this.sender.send(
      origin,
      'LogInteraction',
      { accountId, interactionId, kind, scenario, summary, participants, occurredAt },
      reason,
    );
    return { ...receipt, interactionId };
  }

  @Post('activities')
  @CommandEndpoint('Plan a key activity of the account plan')
  async plan(
    @Param('id') accountId: string,
    @Body() body: PlanKeyActivityDto,
    @Origin() origin: CommandOrigin,
  ): Promise<CommandReceiptDto & { activityId: string }> {
    const { title, strategy, dueAt, assignee, occurredAt, reason } = body;
    const activityId = idFor(origin, 'activity', body.activityId);
    const data = { accountId, activityId, title, strategy, dueAt, assignee, occurredAt };
    return { ...(await this.sender.send(origin, 'PlanKeyActivity', data, reason)), activityId };
  }

  @Post('activities/:activityId/completion')
  @CommandEndpoint('Complete a key activity with its outcome')
  complete(
    @Param('id') accountId: string,
    @Param('activityId') activityId: string,
    @Body() body: CompleteKeyActivityDto,
    @Origin() origin: CommandOrigin,
  ): Promise<CommandReceiptDto> {
    const { outcome, occurredAt, reason } = body;
    return this.sender.send(
      origin,
      'CompleteKeyActivity',
      { accountId, activityId, outcome, occurredAt },
      reason,
    );
  }

  @Post('activities/:activityId/review')
  @CommandEndpoint('Review a key activity: the evaluation of its effect, optionally a revised due date')
  review(
    @Param('id') accountId: string,
    @Param('activityId') activityId: string,
    @Body() body: ReviewKeyActivityDto,
    @Origin() origin: CommandOrigin,
  ): Promise<CommandReceiptDto> {
    const { evaluation, revisedDueAt, occurredAt, reason } = body;
    return this.sender.send(
      origin,
      'ReviewKeyActivity',
      { accountId, activityId, evaluation, revisedDueAt, occurredAt },
      reason,
    );
  }
}
