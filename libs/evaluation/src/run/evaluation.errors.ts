/** A request the engine refuses before anything runs; `field` names what to fix. */
export class EvaluationRequestError extends Error {
  override readonly name = 'EvaluationRequestError';
  constructor(
    readonly field: string,
    readonly rule: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** No run with that id in this data directory. */
export class EvaluationRunNotFoundError extends Error {
  override readonly name = 'EvaluationRunNotFoundError';
  constructor(readonly runId: string) {
    super(`No evaluation run ${runId}`);
  }
}

/** The run stopped with an error; the run's record keeps the same message. */
export class EvaluationRunFailedError extends Error {
  override readonly name = 'EvaluationRunFailedError';
  constructor(
    readonly runId: string,
    readonly reason: string,
  ) {
    super(`Evaluation run ${runId} failed: ${reason}`);
  }
}

/** An evaluation judges what has happened: a date after `now` has no facts yet. */
export const assertAsOfNotInFuture = (asOf: Date, now: Date): void => {
  if (Number.isNaN(asOf.getTime()))
    throw new EvaluationRequestError('asOf', 'iso8601', 'must be an ISO-8601 date');
  if (asOf.getTime() > now.getTime()) {
    throw new EvaluationRequestError(
      'asOf',
      'not_in_future',
      `${asOf.toISOString()} is in the future (now is ${now.toISOString()}); evaluate as of today or an earlier date`,
    );
  }
};
