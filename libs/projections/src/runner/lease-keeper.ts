import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../schema/read-model.database.js';
import type { Lease } from './projection-backend.js';
import { renewLocks } from './projection-lock.js';

/**
 * Renews held leases on a timer while the holder waits (a live runner with nothing to do); every
 * commit renews them too. A lost lease aborts `signal`, and `lost` says why.
 */
export class LeaseKeeper {
  readonly #controller = new AbortController();
  readonly #timer: NodeJS.Timeout;
  #lost: unknown;

  constructor(
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly locks: readonly string[],
    private readonly owner: string,
    private readonly leaseMs: number,
  ) {
    this.#timer = setInterval(() => void this.#renew(), Math.max(1, Math.floor(leaseMs / 3)));
    this.#timer.unref();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get lost(): unknown {
    return this.#lost;
  }

  lease(): Lease {
    return { locks: this.locks, owner: this.owner, expiresAt: Date.now() + this.leaseMs };
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async #renew(): Promise<void> {
    try {
      await renewLocks(this.db, this.locks, this.owner, this.leaseMs);
    } catch (error) {
      this.#lost = error;
      this.stop();
      this.#controller.abort(error);
    }
  }
}
