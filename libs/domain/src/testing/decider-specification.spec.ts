import { DeciderSpecification } from './decider-specification.js';

type Added = { type: 'Added'; by: number };
type Add = { by: number; cap: number };
class CapError extends Error {
  constructor(
    readonly code: string,
    readonly violations: readonly { field: string; rule: string; message: string }[] = [],
  ) {
    super(code);
  }
}

// A counter that refuses to pass its cap: small enough that every clause's verdict is obvious.
const counter = DeciderSpecification.for<Add, Added, number>({
  initialState: () => 0,
  evolve: (total, event) => total + event.by,
  decide: ({ by, cap }, total) => {
    if (by < 0) return new CapError('invalid_field', [{ field: 'by', rule: 'positive', message: 'm' }]);
    if (total + by > cap) return new CapError('over_cap');
    return by === 0 ? [] : [{ type: 'Added', by }];
  },
});

describe('DeciderSpecification', () => {
  it('folds the given events before deciding', () => {
    counter
      .given([{ type: 'Added', by: 3 }])
      .when({ by: 2, cap: 5 })
      .then([{ type: 'Added', by: 2 }]);
    counter
      .given([{ type: 'Added', by: 3 }])
      .when({ by: 3, cap: 5 })
      .thenThrows('over_cap');
  });

  it('fails when the events differ from the expected ones', () => {
    expect(() =>
      counter
        .given([])
        .when({ by: 2, cap: 5 })
        .then([{ type: 'Added', by: 1 }]),
    ).toThrow();
    expect(() => counter.given([]).when({ by: 2, cap: 5 }).thenNothing()).toThrow();
  });

  it('fails when an error was expected and events came, or the reverse', () => {
    expect(() => counter.given([]).when({ by: 2, cap: 5 }).thenThrows('over_cap')).toThrow(
      /Expected error over_cap/,
    );
    expect(() => counter.given([]).when({ by: 9, cap: 5 }).then([])).toThrow(/over_cap/);
  });

  it('checks the error code and exactly the listed violations', () => {
    counter
      .given([])
      .when({ by: -1, cap: 5 })
      .thenThrows('invalid_field', [{ field: 'by', rule: 'positive' }]);
    expect(() => counter.given([]).when({ by: 9, cap: 5 }).thenThrows('invalid_field')).toThrow();
    expect(() =>
      counter
        .given([])
        .when({ by: -1, cap: 5 })
        .thenThrows('invalid_field', [{ field: 'by', rule: 'integer' }]),
    ).toThrow();
    expect(() => counter.given([]).when({ by: -1, cap: 5 }).thenThrows('invalid_field', [])).toThrow();
  });
});
