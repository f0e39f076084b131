import { Module } from '@nestjs/common';
import { QueueViewController } from './queue-view.controller.js';

/**
 * The queue view `kam serve` mounts at /queues (HTML) and /queues/json: a read-only stand-in for
 * bull-board, which is not installed. Needs EvaluationModule (global) for the queue.
 */
@Module({ controllers: [QueueViewController] })
export class QueueViewModule {}
