import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@kam/event-store';
import { runProjections, type ReadModels } from '@kam/projections';
import { writeLogLine } from '../operations/json-logger.js';
import { READ_MODELS } from '../read-models/read-models.module.js';

export type RunnerState = Readonly<{ state: 'running' | 'stopped' } | { state: 'failed'; error: string }>;

/**
 * The projection runner inside `kam serve`: follows the log from each checkpoint until shutdown,
 * when it stops after the batch in hand, whose checkpoint is committed with its rows.
 */
@Injectable()
export class ProjectionRunnerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly stopping = new AbortController();
  private running: Promise<void> | null = null;
  private current: RunnerState = { state: 'stopped' };

  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  get status(): RunnerState {
    return this.current;
  }

  onApplicationBootstrap(): void {
    this.current = { state: 'running' };
    this.running = runProjections({
      readModels: this.readModels,
      store: this.store,
      until: 'aborted',
      signal: this.stopping.signal,
    }).then(
      () => {
        this.current = { state: 'stopped' };
      },
      (error: unknown) => {
        // The API keeps answering from the read models as they stand; /ready reports the failure.
        const message = error instanceof Error ? error.message : String(error);
        this.current = { state: 'failed', error: message };
        writeLogLine('error', `projection runner stopped: ${message}`);
      },
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }
}
