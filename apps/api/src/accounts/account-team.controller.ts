import {
  Body,
  Controller,
  Delete,
  HttpStatus,
  Inject,
  Param,
  ParseEnumPipe,
  Post,
  Put,
} from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { TEAM_ROLES, type TeamRole } from '@kam/domain';
import { Origin, type CommandOrigin } from '../http/command-origin.decorator.js';
import { RequestValidationError } from '../http/api-errors.js';
import { AccountCommandSender } from './account-command.sender.js';
import { CommandEndpoint } from './command-endpoint.decorator.js';
import type { CommandReceiptDto } from './dto/command-receipt.dto.js';
import { AssignTeamMemberDto, RecordAssessmentDto } from './dto/team.dto.js';

const ROLE_ENUM = Object.fromEntries(TEAM_ROLES.map((role) => [role, role]));

const rolePipe = new ParseEnumPipe(ROLE_ENUM, {
  exceptionFactory: () =>
    new RequestValidationError([
      { field: 'role', rule: 'one_of', message: `must be one of: ${TEAM_ROLES.join(', ')}` },
    ]),
});

/** The account team (owner, regional and solution sales) and its assessments of the account. */
@ApiTags('accounts: team')
@Controller('accounts/:id')
export class AccountTeamController {
  constructor(@Inject(AccountCommandSender) private readonly sender: AccountCommandSender) {}

  @Put('team/:role')
  @ApiParam({ name: 'role', enum: TEAM_ROLES })
  @CommandEndpoint('Assign a member to a team role', HttpStatus.OK)
  assign(
    @Param('id') accountId: string,
    @Param('role', rolePipe) role: TeamRole,
    @Body() body: AssignTeamMemberDto,
    @Origin() origin: CommandOrigin,
  ): Promise<CommandReceiptDto> {
    return this.sender.send(
      origin,
      'AssignTeamMember',
      { accountId, role, member: body.member, occurredAt: body.occurredAt },
      body.reason,
    );
  }

  @Delete('team/:role/:member')
  @ApiParam({ name: 'role', enum: TEAM_ROLES })
  @CommandEndpoint('Unassign a member from a team role', HttpStatus.OK)
  unassign(
    @Param('id') accountId: string,
    @Param('role', rolePipe) role: TeamRole,
    @Param('member') member: string,
    @Origin() origin: CommandOrigin,
  ): Promise<CommandReceiptDto> {
    return this.sender.send(origin, 'UnassignTeamMember', { accountId, role, member });
  }

  @Post('assessments')
  @CommandEndpoint('Record the team assessment: six dimensions, each 0-100')
  assess(
    @Param('id') accountId: string,
    @Body() body: RecordAssessmentDto,
    @Origin() origin: CommandOrigin,
  ): Promise<CommandReceiptDto> {
    const { scores, assessor, note, occurredAt, reason } = body;
    return this.sender.send(
      origin,
      'RecordAssessment',
      { accountId, scores: { ...scores }, assessor: assessor ?? origin.actor, note, occurredAt },
      reason,
    );
  }
}
