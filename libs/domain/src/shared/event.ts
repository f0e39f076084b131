/** A domain event: plain readonly data that survives a JSON round trip unchanged. */
export type Event<Type extends string, Data extends Record<string, unknown>> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

/**
 * A command: what someone asks the account to do. Time arrives in the command (`now`), so the
 * decider never reads a clock.
 */
export type Command<Type extends string, Data extends Record<string, unknown>> = Readonly<{
  type: Type;
  data: Readonly<Data>;
  metadata: Readonly<{ now: string }>;
}>;
