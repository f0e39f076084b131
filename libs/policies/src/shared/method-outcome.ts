/** A named input a method read, as shown to a person explaining the result. */
export type InputValue = number | string | boolean | null;
export type Inputs = Readonly<Record<string, InputValue>>;

/** What every method gives back for one account: a score, its parts, what it read, and why. */
export type MethodOutcome = Readonly<{
  score: number;
  /** Name -> contribution to the score; for additive methods they sum to `score`. */
  components: Readonly<Record<string, number>>;
  inputs: Inputs;
  reasons: readonly string[];
}>;
