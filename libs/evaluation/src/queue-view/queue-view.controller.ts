import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { TypedQueue } from '../queue/evaluation-queue.js';
import { EVALUATION_QUEUE } from '../nest/evaluation.tokens.js';
import { queueOverview, type QueueOverview } from './queue-overview.js';
import { renderQueueView } from './queue-view.html.js';

/** Read-only: counts, schedules and failed jobs of the evaluation queue. Nothing here changes a job. */
@Controller('queues')
export class QueueViewController {
  constructor(@Inject(EVALUATION_QUEUE) private readonly queue: TypedQueue | null) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  async page(): Promise<string> {
    return renderQueueView(await queueOverview(this.queue));
  }

  @Get('json')
  overview(): Promise<QueueOverview> {
    return queueOverview(this.queue);
  }
}
