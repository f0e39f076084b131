import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  classificationHistory,
  listAccounts,
  type AccountListItem,
  type AccountView,
  type ClassificationChange,
  type ReadModels,
} from '@kam/projections';
import { RequireRole } from '../auth/roles.decorator.js';
import { RequestValidationError, ResourceNotFoundError } from '../http/api-errors.js';
import { headerOf, type ApiResponse as Reply } from '../http/api-request.js';
import { readAfter } from '../read-models/read-after.js';
import { AccountReadConnection, READ_MODELS } from '../read-models/read-models.module.js';
import { ReadQueryDto } from '../read-models/read-query.dto.js';
import { ListAccountsQueryDto } from './dto/list-accounts-query.dto.js';

type AccountList = Readonly<{ items: readonly AccountListItem[]; next: string | null }>;

/** Queries of the account read models; `?after=<position>` reads your own writes. */
@ApiTags('accounts: queries')
@Controller('accounts')
@RequireRole('viewer')
export class AccountQueriesController {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(AccountReadConnection) private readonly accounts: AccountReadConnection,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Account summaries: filter by tier, stage, owner, region, industry; sort; cursor pages',
  })
  @ApiOkResponse({ description: '{ items: [{accountId, name, stage, tier, score, revenue12m, ...}], next }' })
  async list(@Query() query: ListAccountsQueryDto): Promise<AccountList> {
    const { after, timeoutMs, ...filters } = query;
    await readAfter(this.readModels, after, timeoutMs);
    try {
      const page = await listAccounts(this.readModels.db, filters);
      return { items: page.items, next: page.nextCursor };
    } catch (error) {
      if (!(error instanceof RangeError || error instanceof SyntaxError)) throw error;
      throw new RequestValidationError([
        { field: 'cursor', rule: 'cursor', message: 'must be the `next` of a previous page' },
      ]);
    }
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account summary, with an ETag of its revision' })
  @ApiOkResponse({ description: 'the account summary, including revenue12m, stage, tier' })
  @ApiResponse({ status: 504, description: '`after` was not reached in time' })
  async show(
    @Param('id') accountId: string,
    @Query() query: ReadQueryDto,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<AccountView | undefined> {
    if (query.after !== undefined) await readAfter(this.readModels, query.after, query.timeoutMs);
    const account = this.accounts.read(accountId, { asOf: query.asOf });
    if (account === null)
      throw new ResourceNotFoundError(`No account with id ${accountId} in the read models`);
    const etag = `"${account.revision}"`;
    void reply.header('ETag', etag);
    if (headerOf(reply.request, 'if-none-match') === etag) {
      void reply.code(304);
      return undefined;
    }
    return account;
  }

  @Get(':id/classifications')
  @ApiOperation({ summary: 'Every tier change of the account, with score, reasons and policy version' })
  async classifications(
    @Param('id') accountId: string,
    @Query() query: ReadQueryDto,
  ): Promise<readonly ClassificationChange[]> {
    await readAfter(this.readModels, query.after, query.timeoutMs);
    if (this.accounts.read(accountId) === null) {
      throw new ResourceNotFoundError(`No account with id ${accountId} in the read models`);
    }
    return classificationHistory(this.readModels.db, accountId);
  }
}
