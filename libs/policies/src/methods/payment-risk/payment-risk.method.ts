import { PAYMENT_MODE_RISK, type PaymentRiskGrade } from '@kam/domain';
import type { PortfolioFacts } from '../../shared/account-facts.js';
import { reasonsIf } from '../../shared/reasons.js';

export type PaymentRisk = Readonly<{
  grade: PaymentRiskGrade | 'unknown';
  paymentMode: string | null;
  creditDays: number | null;
  reasons: readonly string[];
}>;

/** Payment-term risk grade from the agreed payment mode (source 000's table); no terms: 'unknown'. */
export const gradePaymentRisk = (portfolio: PortfolioFacts, explain = true): PaymentRisk[] =>
  portfolio.accounts.map(({ account }) => {
    const mode = account.paymentMode;
    if (mode === null) {
      return {
        grade: 'unknown',
        paymentMode: null,
        creditDays: null,
        reasons: reasonsIf(explain, () => ['payment risk unknown: no terms agreed']),
      };
    }
    const grade = PAYMENT_MODE_RISK[mode];
    const reasons = reasonsIf(explain, () => [`payment risk ${grade}: payment mode ${mode}`]);
    return { grade, paymentMode: mode, creditDays: account.creditDays, reasons };
  });
