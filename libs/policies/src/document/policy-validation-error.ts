/** One thing wrong with a policy: where (a JSON pointer into the document) and which rule. */
export type PolicyIssue = Readonly<{ path: string; rule: string; message: string }>;

/** A policy file refused on load, listing every issue found, each with its path and rule. */
export class PolicyValidationError extends Error {
  override readonly name = 'PolicyValidationError';

  constructor(
    readonly source: string,
    readonly issues: readonly PolicyIssue[],
  ) {
    super(
      `policy ${source} is invalid:\n` +
        issues.map((issue) => `  ${issue.path || '/'}: ${issue.message} (${issue.rule})`).join('\n'),
    );
  }
}
