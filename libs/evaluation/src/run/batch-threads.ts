import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { threadEntry } from '@kam/projections';

/**
 * Worker threads that apply a run's batches beside this one, for an in-process run on a machine
 * with more than one core: each opens the SQLite file on connections of its own, so the threads'
 * decisions, hashing and encoding run in parallel and only their commits take turns.
 */
export type BatchThreadsConfig = Readonly<{
  sqliteFile: string;
  count: number;
  /**
   * The threads' clock starts at this reading of the caller's clock and runs in real time (a clock
   * function cannot cross to a thread). Absent: the system clock.
   */
  clockStart?: () => Date;
  concurrency?: number;
  /** Young-generation size of each thread: batches allocate a lot of short-lived objects. */
  youngGenerationMb?: number;
  /**
   * Below this many accounts a run is applied by the calling thread: loading a thread's modules
   * takes about a third of a second of CPU, more than a small run's batches. Default 0: always.
   */
  minAccounts?: number;
}>;

/** What the thread entry receives as `workerData`. */
export type BatchThreadData = Readonly<{
  sqliteFile: string;
  clockAt: string | null;
  startedAtMs: number;
  concurrency: number | null;
  attempts: number | null;
  backoffMs: number | null;
}>;

export type ToBatchThread =
  Readonly<{ type: 'batch'; runId: string; batchNo: number }> | Readonly<{ type: 'stop' }>;

export type FromBatchThread =
  | Readonly<{ type: 'ready' }>
  | Readonly<{ type: 'done'; batchNo: number; settled: number }>
  | Readonly<{ type: 'failed'; batchNo: number; error: string }>;

/**
 * Batch threads for an in-process run on this machine: two where there are two cores or more (what
 * was measured: more threads mostly wait for the one SQLite write lock), none on one core.
 */
export const inProcessBatchThreads = (): number => (availableParallelism() >= 2 ? 2 : 0);

/** The portfolio size from which `kam evaluate` and the in-process scheduler start batch threads. */
export const BATCH_THREADS_MIN_ACCOUNTS = 20_000;

const DEFAULT_YOUNG_GENERATION_MB = 64;

/** One thread, one batch at a time. Rejects when the thread fails or stops; the caller takes over. */
class BatchThread {
  readonly #worker: Worker;
  readonly #ready: Promise<void>;
  #pending: { resolve: (settled: number) => void; reject: (error: Error) => void } | null = null;
  #failure: Error | null = null;
  readonly #exited: Promise<void>;

  constructor(config: BatchThreadsConfig, retries: Readonly<{ attempts?: number; backoffMs?: number }>) {
    const data: BatchThreadData = {
      sqliteFile: config.sqliteFile,
      clockAt: config.clockStart?.().toISOString() ?? null,
      startedAtMs: Date.now(),
      concurrency: config.concurrency ?? null,
      attempts: retries.attempts ?? null,
      backoffMs: retries.backoffMs ?? null,
    };
    const entry = threadEntry(
      new URL('./batch.thread.js', import.meta.url),
      new URL('./batch.thread.ts', import.meta.url),
    );
    this.#worker = new Worker(entry.url, {
      workerData: data,
      execArgv: entry.execArgv,
      resourceLimits: { maxYoungGenerationSizeMb: config.youngGenerationMb ?? DEFAULT_YOUNG_GENERATION_MB },
    });
    let markReady: () => void = () => undefined;
    this.#ready = new Promise((resolve) => (markReady = resolve));
    this.#worker.on('message', (message: FromBatchThread) => {
      if (message.type === 'ready') markReady();
      else if (message.type === 'done') this.#settle(null, message.settled);
      else this.#settle(new Error(message.error), 0);
    });
    this.#worker.on('error', (error) => this.#fail(error));
    this.#exited = new Promise((resolve) =>
      this.#worker.once('exit', (code) => {
        this.#fail(new Error(`evaluation batch thread exited with code ${code}`));
        resolve();
      }),
    );
  }

  async apply(runId: string, batchNo: number): Promise<number> {
    await Promise.race([this.#ready, this.#exited]);
    if (this.#failure !== null) throw this.#failure;
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.#post({ type: 'batch', runId, batchNo });
    });
  }

  async stop(): Promise<void> {
    if (this.#failure === null) this.#post({ type: 'stop' });
    await this.#exited;
  }

  #post(message: ToBatchThread): void {
    this.#worker.postMessage(message);
  }

  #settle(error: Error | null, settled: number): void {
    const pending = this.#pending;
    this.#pending = null;
    if (error === null) pending?.resolve(settled);
    else pending?.reject(error);
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    this.#settle(this.#failure, 0);
  }
}

export type BatchThreadPool = Readonly<{
  /**
   * Applies the batches on the threads, each taking the next when it finishes one. Returns the
   * batches no thread finished (a thread failed or could not start): the caller applies those.
   */
  apply: (runId: string, batches: readonly number[], onBatch: (settled: number) => void) => Promise<number[]>;
  close: () => Promise<void>;
}>;

/** Starts the threads now, so they load while the caller plans the run. */
export const startBatchThreads = (
  config: BatchThreadsConfig,
  retries: Readonly<{ attempts?: number; backoffMs?: number }> = {},
): BatchThreadPool => {
  const threads = Array.from({ length: Math.max(0, config.count) }, () => new BatchThread(config, retries));
  return {
    apply: async (runId, batches, onBatch) => {
      const queue = [...batches];
      const left: number[] = [];
      const lane = async (thread: BatchThread): Promise<void> => {
        for (let batchNo = queue.shift(); batchNo !== undefined; batchNo = queue.shift()) {
          try {
            onBatch(await thread.apply(runId, batchNo));
          } catch {
            left.push(batchNo);
            return;
          }
        }
      };
      await Promise.all(threads.map(lane));
      return [...left, ...queue].sort((a, b) => a - b);
    },
    close: async () => {
      await Promise.all(threads.map((thread) => thread.stop()));
    },
  };
};
