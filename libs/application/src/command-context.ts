/** Who asked, why, and in which conversation: it becomes every recorded event's metadata. */
export type CommandContext = Readonly<{
  actor: string;
  reason?: string | null;
  correlationId: string;
  /** The message that caused this command; for a command that starts a conversation, its own id. */
  causationId: string;
  /** `If-Match`: the revision the caller last saw. A mismatch is a precondition failure, not a retry. */
  ifMatchRevision?: bigint;
  /**
   * Deterministic event ids for machine writers (an evaluation run, a CSV import, the demo), so a
   * retried job appends nothing twice: the store dedupes by id.
   */
  eventIds?: (index: number) => string;
}>;
