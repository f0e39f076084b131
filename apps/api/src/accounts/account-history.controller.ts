import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { accountStreamId, parseIsoInstant } from '@kam/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@kam/event-store';
import { toHistoryItem } from '../../../cli/src/commands/history.command.js';
import { RequireRole } from '../auth/roles.decorator.js';
import { ResourceNotFoundError } from '../http/api-errors.js';
import { HistoryQueryDto } from './dto/history-query.dto.js';

type HistoryPage = Readonly<{ items: ReturnType<typeof toHistoryItem>[]; next: string | null }>;

const matcher = (query: HistoryQueryDto): ((event: RecordedEvent) => boolean) => {
  const types = query.type === undefined ? null : new Set(query.type.split(',').map((type) => type.trim()));
  const from = query.from === undefined ? null : parseIsoInstant(query.from);
  const to = query.to === undefined ? null : parseIsoInstant(query.to);
  return (event) => {
    if (types !== null && !types.has(event.type)) return false;
    if (from === null && to === null) return true;
    const occurredAt =
      typeof event.data.occurredAt === 'string' ? parseIsoInstant(event.data.occurredAt) : null;
    if (occurredAt === null) return false;
    return (from === null || occurredAt >= from) && (to === null || occurredAt < to);
  };
};

/** The audit trail, read straight from the log: every event with who recorded it, when and why. */
@ApiTags('accounts: queries')
@Controller('accounts/:id/history')
export class AccountHistoryController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @RequireRole('viewer')
  @ApiOperation({
    summary: 'Every event of the account with its metadata; filter by type and time; paginated',
  })
  @ApiOkResponse({
    description: '{ items: [{revision, position, type, occurredAt, recordedAt, data, metadata}], next }',
  })
  async history(@Param('id') accountId: string, @Query() query: HistoryQueryDto): Promise<HistoryPage> {
    const streamId = accountStreamId(accountId);
    const limit = query.limit ?? 100;
    const matches = matcher(query);
    const items: ReturnType<typeof toHistoryItem>[] = [];
    let next: string | null = null;
    let scanned = 0;
    for await (const event of this.store.readStream(streamId, {
      fromRevision: BigInt(query.cursor ?? '0'),
    })) {
      scanned += 1;
      if (!matches(event)) continue;
      if (items.length === limit) {
        next = event.revision.toString();
        break;
      }
      items.push(toHistoryItem(event));
    }
    if (scanned === 0 && !(await this.exists(streamId))) {
      throw new ResourceNotFoundError(`No account with id ${accountId}`);
    }
    return { items, next };
  }

  private async exists(streamId: string): Promise<boolean> {
    for await (const _event of this.store.readStream(streamId, { maxCount: 1 })) return true;
    return false;
  }
}
