import { DEFAULT_POLICY } from '../../default-policy.js';
import { buildPortfolioFacts } from '../../shared/account-facts.js';
import { anAccount, aSnapshot } from '../../testing/snapshot.fixture.js';
import { gradePaymentRisk } from './payment-risk.method.js';

describe('payment-term risk (source 000)', () => {
  it("grades each account by its payment mode, and an account without terms as 'unknown'", () => {
    const facts = buildPortfolioFacts(
      aSnapshot([
        anAccount('a', { paymentMode: 'cash_before_delivery', creditDays: 0 }),
        anAccount('b', { paymentMode: 'open_credit', creditDays: 60 }),
        anAccount('c', { paymentMode: 'open_credit_with_guarantee', creditDays: 45 }),
        anAccount('d'),
      ]),
      DEFAULT_POLICY.sales,
    );
    const grades = gradePaymentRisk(facts);
    expect(grades.map((g) => g.grade)).toEqual([
      'safe_controllable',
      'unsafe_uncontrollable',
      'fairly_safe_conditionally_controllable',
      'unknown',
    ]);
    expect(grades[1]?.reasons).toEqual(['payment risk unsafe_uncontrollable: payment mode open_credit']);
  });
});
