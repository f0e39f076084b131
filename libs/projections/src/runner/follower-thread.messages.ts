/** What the follower thread receives as `workerData` (see follower.thread.ts). */
export type FollowerThreadData = Readonly<{
  sqliteFile: string;
  pollIntervalMs: number;
  /** Checkpoint the WAL from this thread every so many milliseconds; null leaves it to the writers. */
  walCheckpointMs: number | null;
}>;

/**
 * `finish`: fold the log to its head, then end (the writer has stopped). `stop`: end after the batch
 * in hand, whose checkpoint is committed with its rows (the process is shutting down).
 */
export type ToFollowerThread = Readonly<{ type: 'finish' | 'stop' }>;

export type FromFollowerThread =
  | Readonly<{ type: 'finished'; position: string }>
  | Readonly<{ type: 'stopped' }>
  | Readonly<{ type: 'failed'; error: string }>;
