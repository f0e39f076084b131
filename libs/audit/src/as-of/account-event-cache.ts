import { accountStreamId } from '@kam/domain';
import type { EventStore } from '@kam/event-store';
import { toInstant, toProjectedEvent, type ProjectedEvent } from '../replica/projection-model.js';
import { AccountHistory } from './account-history.js';

/** An account event decoded once, with both clocks in canonical form for comparing as text. */
export type TimedEvent = Readonly<{ event: ProjectedEvent; occurredAt: string; recordedAt: string }>;

export const readTimedEvents = async (
  store: EventStore,
  accountId: string,
  fromRevision = 0n,
): Promise<TimedEvent[]> => {
  const events: TimedEvent[] = [];
  for await (const recorded of store.readStream(accountStreamId(accountId), { fromRevision })) {
    const event = toProjectedEvent(recorded);
    if (event === null) continue;
    events.push({
      event,
      occurredAt: toInstant(event.data.occurredAt),
      recordedAt: toInstant(recorded.recordedAt),
    });
  }
  return events;
};

/**
 * Decoded streams with their checkpoints, kept so a second question about the same account reads
 * only what was appended since (events are never changed, so what is kept never goes stale).
 * Bounded by the events held: the least recently asked account goes first.
 */
export class AccountEventCache {
  private readonly entries = new Map<string, AccountHistory>();
  private held = 0;

  constructor(
    private readonly store: EventStore,
    private readonly maxEvents = 1_000_000,
  ) {}

  async history(accountId: string): Promise<AccountHistory> {
    const history = this.entries.get(accountId) ?? new AccountHistory();
    const fromRevision = BigInt((history.events.at(-1)?.event.revision ?? -1) + 1);
    const added = await readTimedEvents(this.store, accountId, fromRevision);
    history.append(added);
    this.held += added.length;
    this.entries.delete(accountId);
    if (history.events.length > 0) this.entries.set(accountId, history);
    this.evict();
    return history;
  }

  private evict(): void {
    for (const [accountId, history] of this.entries) {
      if (this.held <= this.maxEvents || this.entries.size <= 1) return;
      this.entries.delete(accountId);
      this.held -= history.events.length;
    }
  }
}
