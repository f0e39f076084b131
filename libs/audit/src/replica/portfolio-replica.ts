import type { PortfolioSnapshot } from '@kam/policies';
import { AccountReplica } from './account-replica.js';
import { portfolioSnapshotAt } from './replica-snapshot.js';
import { toInstant, type ProjectedEvent } from './projection-model.js';

/** Every account's replica: the read models in memory, for a replay that must not touch the real ones. */
export class PortfolioReplica {
  readonly accounts = new Map<string, AccountReplica>();
  /** The latest business time of any event folded: how far the log's story reaches. */
  lastFactAt = '';

  apply(event: ProjectedEvent): void {
    const at = toInstant(event.data.occurredAt);
    if (at > this.lastFactAt) this.lastFactAt = at;
    const accountId = event.data.accountId;
    let replica = this.accounts.get(accountId);
    if (replica === undefined) {
      replica = new AccountReplica();
      this.accounts.set(accountId, replica);
    }
    replica.apply(event);
  }

  snapshotAt(asOf: string): PortfolioSnapshot {
    return portfolioSnapshotAt(this.accounts.values(), asOf);
  }
}
