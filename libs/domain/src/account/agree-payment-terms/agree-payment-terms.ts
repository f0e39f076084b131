import type { AgreePaymentTerms } from '../account.commands.js';
import type { PaymentTermsAgreed } from '../account.events.js';
import type { RegisteredAccount } from '../account.state.js';
import type { Decision } from '../decision.js';
import { PAYMENT_MODE_RISK, PAYMENT_MODES } from '../vocabulary.js';
import { commandChecks, factOf } from '../validation/command-checks.js';
import { invalidFields, oneOf, optionalNonNegativeInteger } from '../validation/field-checks.js';

/**
 * The risk grade is recorded with the terms (source 000's table), so the history shows the grade as
 * it was judged then even if the table is revised later. Re-agreeing the same terms is still recorded:
 * a renewed agreement is a fact of the relationship.
 */
export const decideAgreePaymentTerms = (
  command: AgreePaymentTerms,
  state: RegisteredAccount,
): Decision<PaymentTermsAgreed> => {
  const { data } = command;
  const invalid = invalidFields(
    commandChecks(command, state),
    oneOf('mode', data.mode, PAYMENT_MODES),
    optionalNonNegativeInteger('creditDays', data.creditDays),
  );
  if (invalid) return invalid;
  const terms = {
    mode: data.mode,
    riskGrade: PAYMENT_MODE_RISK[data.mode],
    creditDays: data.creditDays ?? 0,
  };
  return [{ type: 'PaymentTermsAgreed', data: { ...factOf(command), ...terms } }];
};
