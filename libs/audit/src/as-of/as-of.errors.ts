/** No event was ever recorded for the account: 404 in the API, exit code 1 in the CLI. */
export class AccountNotFoundError extends Error {
  override readonly name = 'AccountNotFoundError';
  constructor(readonly accountId: string) {
    super(`no account with id ${accountId}`);
  }
}

/**
 * The account exists, but not at the date asked about: registered after `asOf`, or not yet recorded
 * by `knownAt`. A 404 whose detail is this message.
 */
export class AccountNotYetRegisteredError extends Error {
  override readonly name = 'AccountNotYetRegisteredError';
  constructor(
    readonly accountId: string,
    readonly asOf: string,
    readonly knownAt: string | null,
    readonly registeredAt: string | null,
    readonly recordedAt: string | null,
  ) {
    super(notYetMessage(accountId, asOf, knownAt, registeredAt, recordedAt));
  }
}

const notYetMessage = (
  accountId: string,
  asOf: string,
  knownAt: string | null,
  registeredAt: string | null,
  recordedAt: string | null,
): string => {
  if (registeredAt !== null && registeredAt > asOf) {
    return `account ${accountId} did not exist on ${asOf}: it was registered on ${registeredAt}`;
  }
  if (knownAt !== null && recordedAt !== null) {
    return `account ${accountId} was not known on ${knownAt}: its registration was recorded on ${recordedAt}`;
  }
  return `account ${accountId} has no registration by ${asOf}`;
};

/** A date that is not ISO-8601: 400 in the API; the CLI's flag parser refuses it first. */
export class AsOfDateError extends Error {
  override readonly name = 'AsOfDateError';
  constructor(
    readonly field: 'asOf' | 'knownAt',
    readonly value: string,
  ) {
    super(`${field} must be an ISO-8601 date or date-time with an offset (got "${value}")`);
  }
}
