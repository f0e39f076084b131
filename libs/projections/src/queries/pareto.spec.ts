import { pareto, paretoClasses } from './pareto.js';

describe('pareto', () => {
  it('puts in A the accounts that together make the first 80% of revenue, the one crossing the line included', () => {
    expect(paretoClasses([50, 20, 15, 10, 5])).toEqual(['A', 'A', 'A', 'B', 'C']);
  });

  it('counts accounts without revenue as C, whatever their place', () => {
    expect(paretoClasses([100, 0, 0])).toEqual(['A', 'C', 'C']);
    expect(pareto([0, 0])).toMatchObject({ a: 0, b: 0, c: 2 });
  });

  it('draws the cumulative revenue curve at each tenth of the accounts, largest first', () => {
    const revenues = [...Array.from({ length: 2 }, () => 400), ...Array.from({ length: 18 }, () => 10)];
    const { curve, a, b, c } = pareto(revenues);
    expect(curve).toHaveLength(10);
    expect(curve[0]).toEqual({ accountsShare: 0.1, revenueShare: 800 / 980 });
    expect(curve[9]).toEqual({ accountsShare: 1, revenueShare: 1 });
    expect(a + b + c).toBe(20);
  });

  it('is empty for an empty portfolio', () => {
    expect(pareto([])).toEqual({ a: 0, b: 0, c: 0, curve: [] });
  });
});
