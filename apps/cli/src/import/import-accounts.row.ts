import { accountStreamId, DomainError } from '@kam/domain';
import type { EventStore } from '@kam/event-store';
import { optional, type RowImporter } from './import-context.js';
import { ACCEPTED, DUPLICATE, rejected, rejectedBy, type RowOutcome } from './row-outcome.js';

type Registration = Readonly<{ name: string; industry: string; region: string; source: string | null }>;

const registrationOf = async (store: EventStore, accountId: string): Promise<Registration | null> => {
  for await (const event of store.readStream(accountStreamId(accountId), { maxCount: 1 })) {
    const { name, industry, region, source } = event.data as Partial<Registration>;
    return { name: name ?? '', industry: industry ?? '', region: region ?? '', source: source ?? null };
  }
  return null;
};

/** The same account with the same data is what a re-import looks like; different data is a conflict. */
const compareWithRegistered = (found: Registration, row: Registration): RowOutcome => {
  const differing = (['name', 'industry', 'region', 'source'] as const).filter(
    (key) => found[key] !== row[key],
  );
  if (differing.length === 0) return DUPLICATE;
  const details = differing.map((key) => `${key} "${found[key] ?? ''}"`).join(', ');
  return rejected('accountId', 'registered_with_other_data', `is already registered with ${details}`);
};

export const importAccountRow: RowImporter = async ({ values }, context) => {
  const { accountId = '', name = '', industry = '', region = '' } = values;
  const row: Registration = { name, industry, region, source: optional(values.source) ?? null };
  const registered = accountId === '' ? null : await registrationOf(context.store, accountId);
  if (registered !== null) return compareWithRegistered(registered, row);
  const now = context.now();
  try {
    await context.send(
      { type: 'RegisterAccount', data: { accountId, ...row, occurredAt: now }, metadata: { now } },
      ['account', accountId],
    );
    return ACCEPTED;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // Registered by someone else between the read and the write: judge it like any registered one.
    const raced =
      error.code === 'account_already_registered' ? await registrationOf(context.store, accountId) : null;
    return raced === null ? rejectedBy(error) : compareWithRegistered(raced, row);
  }
};
