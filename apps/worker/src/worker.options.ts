export const WORKER_OPTIONS = Symbol('WORKER_OPTIONS');

export type WorkerOptions = Readonly<{
  /** Redis key prefix of the queue (default `kam`); every process of one deployment shares it. */
  queuePrefix?: string;
  concurrency?: number;
  recoverEveryMs?: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  log: (line: string) => void;
}>;
