import { accountStreamId, type AccountReclassified } from '@kam/domain';
import type { EventStore } from '@kam/event-store';
import { AccountNotFoundError } from '../as-of/as-of.errors.js';
import { resolveInstant } from '../as-of/as-of-dates.js';
import { isEvaluationOutput } from '../replay/log-walk.js';
import { toInstant } from '../replica/projection-model.js';

export type RecordedClassification = Readonly<{
  n: number;
  data: AccountReclassified['data'];
  asOf: string;
  recordedAt: string;
  revision: number;
  position: string;
}>;

/** A fact about the account (not an evaluation's output), for "what changed since". */
export type OwnFact = Readonly<{ type: string; occurredAt: string }>;

export type AccountRecord = Readonly<{
  classifications: readonly RecordedClassification[];
  ownFacts: readonly OwnFact[];
}>;

/** No classification matches the request: 404 with this message. */
export class ClassificationNotFoundError extends Error {
  override readonly name = 'ClassificationNotFoundError';
}

export type ClassificationSelector =
  Readonly<{ n: number }> | Readonly<{ at: string }> | Readonly<{ latest: true }>;

export const readAccountRecord = async (store: EventStore, accountId: string): Promise<AccountRecord> => {
  const classifications: RecordedClassification[] = [];
  const ownFacts: OwnFact[] = [];
  let events = 0;
  for await (const event of store.readStream(accountStreamId(accountId))) {
    events += 1;
    const occurredAt = typeof event.data.occurredAt === 'string' ? toInstant(event.data.occurredAt) : '';
    if (event.type === 'AccountReclassified') {
      classifications.push({
        n: classifications.length + 1,
        data: event.data as AccountReclassified['data'],
        asOf: occurredAt,
        recordedAt: event.recordedAt,
        revision: Number(event.revision),
        position: event.position.toString(),
      });
    } else if (!isEvaluationOutput(event)) ownFacts.push({ type: event.type, occurredAt });
  }
  if (events === 0) throw new AccountNotFoundError(accountId);
  return { classifications, ownFacts };
};

/** The n-th, the one in force at a date (the last recorded that happened by then), or the latest. */
export const selectClassification = (
  accountId: string,
  all: readonly RecordedClassification[],
  selector: ClassificationSelector,
): RecordedClassification => {
  if (all.length === 0)
    throw new ClassificationNotFoundError(`account ${accountId} has not been classified yet`);
  if ('n' in selector) {
    const found = all[selector.n - 1];
    if (found === undefined || selector.n < 1) {
      throw new ClassificationNotFoundError(
        `account ${accountId} has ${all.length} recorded classifications; ask for 1 to ${all.length}`,
      );
    }
    return found;
  }
  if ('latest' in selector) return all[all.length - 1]!;
  const at = resolveInstant('asOf', selector.at);
  const inForce = [...all].reverse().find((classification) => classification.asOf <= at);
  if (inForce === undefined) {
    throw new ClassificationNotFoundError(
      `account ${accountId} had no tier on ${at}: its first classification was as of ${all[0]!.asOf}`,
    );
  }
  return inForce;
};
