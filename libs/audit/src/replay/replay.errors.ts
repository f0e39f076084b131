/** A replay asked wrongly (dates, policy, account, event ids): nothing was run. 400 in the API. */
export class ReplayRequestError extends Error {
  override readonly name = 'ReplayRequestError';
  constructor(
    readonly field: string,
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}
