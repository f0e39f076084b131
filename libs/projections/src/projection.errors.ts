/** A projection name nobody registered; the message lists the known ones. */
export class UnknownProjectionError extends Error {
  override readonly name = 'UnknownProjectionError';
  constructor(
    readonly unknown: readonly string[],
    readonly known: readonly string[],
  ) {
    super(
      `${unknown.length === 0 ? 'No projection named' : `Unknown projection ${unknown.join(', ')}`}. ` +
        `Known projections: ${known.join(', ')}.`,
    );
  }
}

/**
 * A projection threw on an event. It stopped right before it (its checkpoint is `position - 1`),
 * so nothing after it was skipped; fix the cause and run again, or rebuild.
 */
export class ProjectionFailedError extends Error {
  override readonly name = 'ProjectionFailedError';
  constructor(
    readonly projection: string,
    readonly position: bigint,
    readonly eventType: string,
    override readonly cause: unknown,
  ) {
    super(
      `Projection ${projection} failed on the event at position ${position} (${eventType}): ` +
        `${cause instanceof Error ? cause.message : String(cause)}. It stopped before that event; ` +
        'nothing after it was applied.',
    );
  }
}

/** Someone else holds the lease; `rebuild` says whether it is a rebuild or a runner. */
export class ProjectionLockedError extends Error {
  override readonly name = 'ProjectionLockedError';
  constructor(
    readonly lock: string,
    readonly owner: string,
    readonly expiresAt: Date,
  ) {
    const rebuild = lock.startsWith('rebuild:');
    const what = rebuild
      ? `A rebuild of ${lock.slice('rebuild:'.length)} is already running`
      : `Projection ${lock} is being run`;
    super(
      `${what} (by ${owner}; its lease runs until ${expiresAt.toISOString()} unless renewed). ` +
        (rebuild ? 'Wait for it to finish.' : 'Stop that runner, or let it keep the read models up to date.'),
    );
  }
}

/** The lease ran out and another process took it: this one must not write any more. */
export class ProjectionLockLostError extends Error {
  override readonly name = 'ProjectionLockLostError';
  constructor(readonly lock: string) {
    super(`Lost the lease on ${lock}: another process took it over. This runner stopped writing.`);
  }
}

export type ProjectionLag = Readonly<{ name: string; checkpoint: bigint }>;

/** Read-your-writes waited too long; `behind` names the projections that had not yet reached it. */
export class WaitForPositionTimeoutError extends Error {
  override readonly name = 'WaitForPositionTimeoutError';
  constructor(
    readonly position: bigint,
    readonly timeoutMs: number,
    readonly behind: readonly ProjectionLag[],
  ) {
    super(
      `Read models did not reach position ${position} within ${timeoutMs} ms: ` +
        behind.map((lag) => `${lag.name} at ${lag.checkpoint}`).join(', ') +
        '. Is a projection runner running (kam projections run, or kam serve)?',
    );
  }
}
