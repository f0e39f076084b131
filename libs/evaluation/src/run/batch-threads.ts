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
  | Readonly<{
      type: 'warm';
      accountIds: readonly string[];
      /** Whose turn it is to warm (one Int32): threads warm one after another, see `warm`. */
      turn: SharedArrayBuffer;
      place: number;
    }>
  | Readonly<{ type: 'batch'; runId: string; batchNo: number }>
  | Readonly<{ type: 'stop' }>;

export type FromBatchThread =
  | Readonly<{ type: 'ready' }>
  | Readonly<{ type: 'warmed'; accounts: number }>
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

/**
 * Accounts each thread loads ahead while the run is planned (see `warm`), and so the least its
 * account cache holds. A bound on its memory for very large portfolios: the accounts past it are
 * read when their batch comes, as without warming.
 */
export const WARM_ACCOUNTS_PER_THREAD = 60_000;

/** One thread, one batch at a time. Rejects when the thread fails or stops; the caller takes over. */
class BatchThread {
  readonly #worker: Worker;
  readonly #ready: Promise<void>;
  #markWarmed: (accounts: number) => void = () => undefined;
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
      else if (message.type === 'warmed') this.#markWarmed(message.accounts);
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

  /**
   * Loads these accounts while the thread would otherwise wait; a batch sent meanwhile comes first.
   * Posted at once, not once the thread says it is ready: a planning caller's event loop may not
   * hear that until the plan is made, and the thread receives what was posted while it started.
   */
  warm(accountIds: readonly string[], turn: SharedArrayBuffer, place: number): Promise<number> {
    if (this.#failure !== null) return Promise.resolve(0);
    const warmed = new Promise<number>((resolve) => (this.#markWarmed = resolve));
    this.#post({ type: 'warm', accountIds, turn, place });
    return Promise.race([warmed, this.#exited.then(() => 0)]);
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
   * Has each thread load its share of these accounts (split as `apply` splits batches) while the
   * run is planned, so its batches find them loaded. Best with the ids in the plan's order.
   */
  warm: (accountIds: readonly string[]) => void;
  /** How many accounts the threads loaded ahead, once every one has stopped warming. */
  warmed: () => Promise<number>;
  /**
   * The batches `apply` lets go first when the plan is stored in parts: the first few of each
   * thread's share, so every thread has work while the rest is stored.
   */
  early: (batches: readonly number[]) => number[];
  /**
   * Applies the batches on the threads: each starts on its own share of them, in order, and when
   * it has none left takes the last one of the thread with most left. With `stored`, only those
   * batches are taken until `rest` says the others are stored too (false: they never will be).
   * Returns the batches no thread finished (a thread failed or could not start): the caller
   * applies those, once the rest is stored.
   */
  apply: (
    runId: string,
    batches: readonly number[],
    onBatch: (settled: number) => void,
    partly?: StoredSoFar,
  ) => Promise<number[]>;
  close: () => Promise<void>;
}>;

export type StoredSoFar = Readonly<{ stored: ReadonlySet<number>; rest: Promise<boolean> }>;

/** Of each share, the part stored ahead of the rest of the plan. */
const EARLY_PART = 1 / 8;

/** `items` in `parts` runs of consecutive items, as even as they divide. */
export const shares = <T>(items: readonly T[], parts: number): T[][] =>
  Array.from({ length: parts }, (_, part) =>
    items.slice(Math.round((part * items.length) / parts), Math.round(((part + 1) * items.length) / parts)),
  );

/**
 * The next batch for lane `lane` among those it may take: the first of its own share, else the
 * last of the fullest share whose last it may take.
 */
const nextBatch = (
  queues: number[][],
  lane: number,
  mayTake: (batchNo: number) => boolean,
): number | undefined => {
  const own = queues[lane] ?? [];
  if (own.length > 0 && mayTake(own[0]!)) return own.shift();
  let fullest: number[] | null = null;
  for (const queue of queues) {
    const last = queue[queue.length - 1];
    if (last !== undefined && mayTake(last) && queue.length > (fullest?.length ?? 0)) fullest = queue;
  }
  return fullest?.pop();
};

/** Starts the threads now, so they load while the caller plans the run. */
export const startBatchThreads = (
  config: BatchThreadsConfig,
  retries: Readonly<{ attempts?: number; backoffMs?: number }> = {},
): BatchThreadPool => {
  const threads = Array.from({ length: Math.max(0, config.count) }, () => new BatchThread(config, retries));
  let warming: Promise<number[]> = Promise.resolve([]);
  return {
    warm: (accountIds) => {
      const limited = shares(accountIds, threads.length).map((share) =>
        share.slice(0, WARM_ACCOUNTS_PER_THREAD),
      );
      // One at a time: the planning thread keeps a core to itself, and warming takes the other.
      // Warming side by side would slow the plan, which every batch waits for.
      const turn = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
      warming = Promise.all(threads.map((thread, i) => thread.warm(limited[i] ?? [], turn, i)));
    },
    warmed: async () => (await warming).reduce((sum, accounts) => sum + accounts, 0),
    early: (batches) =>
      shares(batches, threads.length).flatMap((share) =>
        share.slice(0, Math.ceil(share.length * EARLY_PART)),
      ),
    apply: async (runId, batches, onBatch, partly) => {
      // Batches hold the plan's accounts in order, so a thread's own share is what it warmed.
      const queues = shares(batches, threads.length);
      let restStored = partly === undefined;
      void partly?.rest.then((stored) => (restStored = stored));
      const mayTake = (batchNo: number): boolean => restStored || partly?.stored.has(batchNo) === true;
      const left: number[] = [];
      const lane = async (thread: BatchThread, i: number): Promise<void> => {
        for (;;) {
          const batchNo = nextBatch(queues, i, mayTake);
          if (batchNo === undefined) {
            // Out of stored batches: wait for the rest once, then take what is left, if anything.
            if (restStored || partly === undefined || !(await partly.rest)) return;
            continue;
          }
          try {
            onBatch(await thread.apply(runId, batchNo));
          } catch {
            left.push(batchNo);
            return;
          }
        }
      };
      await Promise.all(threads.map(lane));
      return [...left, ...queues.flat()].sort((a, b) => a - b);
    },
    close: async () => {
      await Promise.all(threads.map((thread) => thread.stop()));
    },
  };
};
