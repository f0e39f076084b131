import { DomainError, type SalesChannel } from '@kam/domain';
import { optional, type RowImporter } from './import-context.js';
import { ACCEPTED, DUPLICATE, rejectedBy } from './row-outcome.js';

/** An order already recorded (same account and orderId) records nothing: the decider dedupes by id. */
export const importOrderRow: RowImporter = async ({ values }, context) => {
  const {
    accountId = '',
    orderId = '',
    amount = '',
    currency = '',
    grossProfit = '',
    occurredAt = '',
  } = values;
  const now = context.now();
  try {
    const outcome = await context.send(
      {
        type: 'RecordOrder',
        data: {
          accountId,
          orderId,
          amount: { amount, currency },
          grossProfit: { amount: grossProfit, currency },
          // The decider checks the value against the channel list; the file's text is only passed on.
          channel: optional(values.channel) as SalesChannel | undefined,
          occurredAt,
        },
        metadata: { now },
      },
      ['order', accountId, orderId],
    );
    return outcome.events.length === 0 ? DUPLICATE : ACCEPTED;
  } catch (error) {
    if (error instanceof DomainError) return rejectedBy(error);
    throw error;
  }
};
