// Node has had Atomics.waitAsync since 16; the TypeScript lib this project builds with does not declare it.
type WaitAsync = (
  cell: Int32Array,
  index: number,
  value: number,
  timeoutMs: number,
) => Readonly<{ async: false; value: string } | { async: true; value: Promise<string> }>;
const waitAsync = (Atomics as unknown as Readonly<{ waitAsync: WaitAsync }>).waitAsync;

/** How long a waiting lane sleeps between looks at its signal: a failed thread never hands the turn back. */
const WAIT_SLICE_MS = 50;

/**
 * Whose turn it is to write, among the threads of one rebuild (a cell of shared memory each thread
 * sees). SQLite takes one writer at a time: left to its busy handler, a thread whose neighbour is
 * writing sleeps in steps, and gives up after the busy timeout, which a long flush on a loaded machine
 * outlasts. With turns, a thread that finds the other writing keeps folding and tries again later.
 */
export class WriteTurn {
  readonly #cell: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.#cell = new Int32Array(buffer);
  }

  tryTake(): boolean {
    return Atomics.compareExchange(this.#cell, 0, 0, 1) === 0;
  }

  /** Waits for the turn without blocking the event loop, so a failure elsewhere still stops the wait. */
  async take(signal?: AbortSignal): Promise<void> {
    while (!this.tryTake()) {
      signal?.throwIfAborted();
      const wait = waitAsync(this.#cell, 0, 1, WAIT_SLICE_MS);
      if (!wait.async) continue;
      // A pending waitAsync does not keep a thread's event loop alive; this timer does.
      const alive = setTimeout(() => undefined, WAIT_SLICE_MS * 2);
      try {
        await wait.value;
      } finally {
        clearTimeout(alive);
      }
    }
  }

  release(): void {
    Atomics.store(this.#cell, 0, 0);
    Atomics.notify(this.#cell, 0);
  }
}
