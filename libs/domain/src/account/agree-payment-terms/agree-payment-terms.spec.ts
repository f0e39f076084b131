import { accountSpec, command, event, registered } from '../../testing/account-fixtures.js';
import { PAYMENT_MODE_RISK, PAYMENT_MODES, type PaymentMode } from '../vocabulary.js';

describe('AgreePaymentTerms', () => {
  it.each(PAYMENT_MODES)('grades %s by the risk table of source 000', (mode) => {
    accountSpec
      .given([registered()])
      .when(command('AgreePaymentTerms', { mode, creditDays: 30 }))
      .then([event('PaymentTermsAgreed', { mode, riskGrade: PAYMENT_MODE_RISK[mode], creditDays: 30 })]);
  });

  it('grades open credit as unsafe and uncontrollable, with no credit days unless agreed', () => {
    accountSpec
      .given([registered()])
      .when(command('AgreePaymentTerms', { mode: 'open_credit' }))
      .then([
        event('PaymentTermsAgreed', {
          mode: 'open_credit',
          riskGrade: 'unsafe_uncontrollable',
          creditDays: 0,
        }),
      ]);
  });

  it('refuses an unknown mode and negative or fractional credit days', () => {
    accountSpec
      .given([registered()])
      .when(command('AgreePaymentTerms', { mode: 'barter' as PaymentMode, creditDays: 7.5 }))
      .thenThrows('invalid_field', [
        { field: 'mode', rule: 'one_of' },
        { field: 'creditDays', rule: 'non_negative_integer' },
      ]);
  });
});
