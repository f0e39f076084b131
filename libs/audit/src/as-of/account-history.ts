import { AccountReplica } from '../replica/account-replica.js';
import type { TimedEvent } from './account-event-cache.js';
import type { ResolvedAsOf } from './as-of-dates.js';

/** Events between checkpoints: a query folds at most this many before the events it filters. */
const CHECKPOINT_EVERY = 500;

/** The fold of the first `next` events, and the latest of each clock among them. */
type Checkpoint = Readonly<{ next: number; occurredAt: string; recordedAt: string; replica: AccountReplica }>;

export type FoldStart = Readonly<{ replica: AccountReplica; next: number }>;

const later = (a: string, b: string): string => (b > a ? b : a);

/**
 * One account's decoded events with folded checkpoints. A checkpoint can start a query when every
 * event before it passes the query's filter, which the latest clocks before it tell at once; events
 * mostly arrive in business-time order, so a query about a past date starts near that date and
 * folds little more than the events after it (skipping those that happened later).
 */
export class AccountHistory {
  readonly events: TimedEvent[] = [];
  private readonly checkpoints: Checkpoint[] = [];
  private readonly running = new AccountReplica();
  private occurredAt = '';
  private recordedAt = '';

  append(added: readonly TimedEvent[]): void {
    for (const timed of added) {
      this.events.push(timed);
      this.running.apply(timed.event);
      this.occurredAt = later(this.occurredAt, timed.occurredAt);
      this.recordedAt = later(this.recordedAt, timed.recordedAt);
      if (this.events.length % CHECKPOINT_EVERY !== 0) continue;
      this.checkpoints.push({
        next: this.events.length,
        occurredAt: this.occurredAt,
        recordedAt: this.recordedAt,
        replica: this.running.clone(),
      });
    }
  }

  /** The latest checkpoint every event before which the query includes; else the beginning. */
  startFor({ asOf, knownAt }: ResolvedAsOf): FoldStart {
    for (let i = this.checkpoints.length - 1; i >= 0; i -= 1) {
      const checkpoint = this.checkpoints[i];
      if (checkpoint === undefined || checkpoint.occurredAt > asOf) continue;
      if (knownAt !== null && checkpoint.recordedAt > knownAt) continue;
      return { replica: checkpoint.replica.clone(), next: checkpoint.next };
    }
    return { replica: new AccountReplica(), next: 0 };
  }
}
