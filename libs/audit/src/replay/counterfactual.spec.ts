import { mergePatch, parseAlteration } from './counterfactual.js';

describe('counterfactual edits', () => {
  it('merges a patch into event data, recursively, with null removing a key', () => {
    const data = { invoiceId: 'i-1', amount: { amount: '10.00', currency: 'CNY' }, daysLate: 12, note: 'x' };
    expect(mergePatch(data, { daysLate: 0, amount: { amount: '12.00' }, note: null })).toEqual({
      invoiceId: 'i-1',
      amount: { amount: '12.00', currency: 'CNY' },
      daysLate: 0,
    });
  });

  it('reads <eventId>:<json> from the command line', () => {
    expect(parseAlteration('e-1:{"daysLate":0}')).toEqual(['e-1', { daysLate: 0 }]);
  });

  it.each([
    ['{"daysLate":0}', /expected <eventId>:<json merge patch>/],
    ['e-1:{daysLate:0}', /not valid JSON/],
    ['e-1:[1]', /must be a JSON object/],
    ['e-1:{"accountId":"other"}', /another account/],
  ])('refuses %s', (text, message) => {
    expect(() => parseAlteration(text)).toThrow(message);
  });
});
