import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, SqliteEventStore, type EventStore } from '@kam/event-store';
import { runProjections, startFollowerThread, type FollowerThread, type ReadModels } from '@kam/projections';
import { writeLogLine } from '../operations/json-logger.js';
import { READ_MODELS } from '../read-models/read-models.module.js';

export type RunnerState = Readonly<{ state: 'running' | 'stopped' } | { state: 'failed'; error: string }>;

/** How soon the thread sees a command's events: `?after=` reads wait at most about this long more. */
const FOLLOW_POLL_MS = 10;
/** Often enough that the WAL stays near SQLite's own threshold at a thousand commands a second. */
const WAL_CHECKPOINT_MS = 250;

/**
 * The projection runner of `kam serve`: follows the log from each checkpoint until shutdown, when it
 * stops after the batch in hand, whose checkpoint is committed with its rows. On the embedded SQLite
 * log it runs in a worker thread, which also checkpoints the WAL: the event loop that answers
 * requests then neither folds events nor copies WAL pages between commands. On another store the log
 * is read over the network, and the runner shares the event loop.
 */
@Injectable()
export class ProjectionRunnerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly stopping = new AbortController();
  private running: Promise<void> | null = null;
  private thread: FollowerThread | null = null;
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
    const store = this.store;
    this.running = (store instanceof SqliteEventStore ? this.followInThread(store) : this.followHere()).then(
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
    await this.thread?.stop().catch(() => undefined);
    await this.running;
  }

  private async followHere(): Promise<void> {
    await runProjections({
      readModels: this.readModels,
      store: this.store,
      until: 'aborted',
      signal: this.stopping.signal,
    });
  }

  private async followInThread(store: SqliteEventStore): Promise<void> {
    const thread = startFollowerThread({
      sqliteFile: store.file,
      pollIntervalMs: FOLLOW_POLL_MS,
      walCheckpointMs: WAL_CHECKPOINT_MS,
    });
    this.thread = thread;
    store.walCheckpointsBy('another-connection');
    const failure = await thread.exited;
    // Whatever ended the thread, its checkpoints ended with it.
    store.walCheckpointsBy('this-writer');
    if (failure !== null) throw failure;
    if (!this.stopping.signal.aborted) throw new Error("the read models' thread ended on its own");
  }
}
