/**
 * Given/when/then for deciders, in the style of Emmett's DeciderSpecification: given the events
 * already on the stream, when a command arrives, then these events (or none, or this broken rule).
 * Test code only: exported from `testing/index.ts`, never from the library's main index. It asserts
 * with node:assert, so it runs under any test runner and needs no test-runner types to compile.
 */
import assert from 'node:assert/strict';

type ViolationLike = Readonly<{ field: string; rule: string; message?: string }>;
type DecisionError = Error & Readonly<{ code: string; violations?: readonly ViolationLike[] }>;

export type Decider<Command, Event, State> = Readonly<{
  decide: (command: Command, state: State) => readonly Event[] | DecisionError;
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
}>;

export type ExpectedViolation = Readonly<{ field: string; rule: string }>;

export type ThenClauses<Event> = Readonly<{
  /** Exactly these events, in this order. */
  then: (expected: readonly Event[]) => void;
  /** A no-op: the command is accepted and records nothing. */
  thenNothing: () => void;
  /** The broken rule's code and, when given, exactly these violations in any order (messages ignored). */
  thenThrows: (code: string, violations?: readonly ExpectedViolation[]) => void;
}>;

const describeError = (error: DecisionError): string => `${error.name}(${error.code}): ${error.message}`;

const run = <C, E, S>(
  decider: Decider<C, E, S>,
  given: readonly E[],
  command: C,
): readonly E[] | DecisionError => {
  const state = given.reduce(decider.evolve, decider.initialState());
  try {
    return decider.decide(command, state);
  } catch (thrown) {
    if (thrown instanceof Error && 'code' in thrown) return thrown as DecisionError;
    throw thrown;
  }
};

const expectEvents = <E>(result: readonly E[] | DecisionError, expected: readonly E[]): void => {
  if (result instanceof Error)
    throw new Error(`Expected ${expected.length} event(s), got ${describeError(result)}`);
  assert.deepStrictEqual(result, expected);
};

const byFieldAndRule = (a: ExpectedViolation, b: ExpectedViolation): number =>
  `${a.field} ${a.rule}`.localeCompare(`${b.field} ${b.rule}`);

const sortedViolations = (violations: readonly ExpectedViolation[]): ExpectedViolation[] =>
  violations.map(({ field, rule }) => ({ field, rule })).sort(byFieldAndRule);

const expectError = <E>(
  result: readonly E[] | DecisionError,
  code: string,
  violations?: readonly ExpectedViolation[],
) => {
  if (!(result instanceof Error)) {
    throw new Error(`Expected error ${code}, got ${result.length} event(s): ${JSON.stringify(result)}`);
  }
  assert.equal(result.code, code, `Expected error ${code}, got ${describeError(result)}`);
  if (violations === undefined) return;
  assert.deepStrictEqual(sortedViolations(result.violations ?? []), sortedViolations(violations));
};

const thenClauses = <C, E, S>(
  decider: Decider<C, E, S>,
  given: readonly E[],
  command: C,
): ThenClauses<E> => ({
  then: (expected) => expectEvents(run(decider, given, command), expected),
  thenNothing: () => expectEvents(run(decider, given, command), []),
  thenThrows: (code, violations) => expectError(run(decider, given, command), code, violations),
});

export const DeciderSpecification = {
  for: <C, E, S>(decider: Decider<C, E, S>) => ({
    given: (events: readonly E[]) => ({
      when: (command: C): ThenClauses<E> => thenClauses(decider, events, command),
    }),
  }),
};
