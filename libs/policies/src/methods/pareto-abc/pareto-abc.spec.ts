import { DEFAULT_POLICY } from '../../default-policy.js';
import { buildPortfolioFacts } from '../../shared/account-facts.js';
import { anAccount, aSeller, aSnapshot } from '../../testing/snapshot.fixture.js';
import { classifyAbc } from './pareto-abc.method.js';

const classify = (...accounts: Parameters<typeof aSnapshot>[0]) =>
  classifyAbc(buildPortfolioFacts(aSnapshot(accounts), DEFAULT_POLICY.sales), DEFAULT_POLICY.abc);

describe('Pareto ABC (A the first 80% of revenue, B the next 15%)', () => {
  it('puts the account that crosses a boundary on the upper side of it', () => {
    // Total 1000. Revenue before each: a 0%, b 50%, c 75%, d 85%, e 93%, g 97%.
    // c crosses 80% (75 -> 85) and is A; e crosses 95% (93 -> 97) and is B; z has none and is C.
    const results = classify(
      aSeller('a', 500),
      aSeller('b', 250),
      aSeller('c', 100),
      aSeller('d', 80),
      aSeller('e', 40),
      aSeller('g', 30),
      anAccount('z'),
    );
    expect(results.map((r) => r.class)).toEqual(['A', 'A', 'A', 'B', 'B', 'C', 'C']);
    expect(results[2]?.inputs).toEqual({ revenue12m: 100, cumulativeBeforePercent: 75 });
    expect(results[2]?.score).toBe(10);
    expect(results[6]?.reasons).toEqual(['ABC C: no revenue in the trailing 12 months']);
  });

  it('puts an account that starts exactly on the 80% line in B', () => {
    // Total 1000. Before c: 500 + 300 = 800 = 80%, not under 80% -> B; before d 92% -> B; before e 97% -> C.
    const results = classify(
      aSeller('a', 500),
      aSeller('b', 300),
      aSeller('c', 120),
      aSeller('d', 50),
      aSeller('e', 30),
    );
    expect(results.map((r) => r.class)).toEqual(['A', 'A', 'B', 'B', 'C']);
  });

  it('gives accounts with equal revenue the class of the first of them', () => {
    // a 700 (before 0%) A; b 150 (before 70%) A; c 150 (before 85%) would be B, but ties with b.
    const results = classify(aSeller('a', 700), aSeller('b', 150), aSeller('c', 150));
    expect(results.map((r) => r.class)).toEqual(['A', 'A', 'A']);
    expect(results[2]?.reasons[1]).toBe('ABC A: same revenue as an account ranked just above it');
  });

  it('makes a single seller A and a portfolio without revenue all C', () => {
    expect(classify(aSeller('a', 10)).map((r) => r.class)).toEqual(['A']);
    expect(classify(anAccount('a'), anAccount('b')).map((r) => r.class)).toEqual(['C', 'C']);
  });
});
