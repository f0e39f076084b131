import type Database from 'better-sqlite3';
import { openKamSqliteDatabase } from '@kam/event-store';
import { IdempotencyKeyInFlightError, IdempotencyKeyReusedError } from '../http/api-errors.js';
import type { IdempotentRequest } from './idempotent-request.js';

export type StoredAnswer = Readonly<{ fingerprint: string; status: number; body: string }>;

/** How long a key is remembered: long enough for any client's retries, short enough to stay small. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

type Row = { fingerprint: string; status: number; body: string };

/**
 * First answers to requests sent with an Idempotency-Key, in the kam SQLite file beside the log
 * (its own connection and table), so a retry after a restart of `kam serve` still gets them.
 */
export class IdempotencyStore {
  private readonly findStatement: Database.Statement<[string, string], Row>;
  private readonly saveStatement: Database.Statement<[string, string, string, number, string, string]>;
  /** Keys whose first request is running, per actor: one set however many interceptor instances. */
  private readonly inFlight = new Set<string>();

  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      actor TEXT NOT NULL,
      key TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      status INTEGER NOT NULL,
      body TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (actor, key)
    ) WITHOUT ROWID`);
    this.findStatement = db.prepare(
      'SELECT fingerprint, status, body FROM idempotency_keys WHERE actor = ? AND key = ?',
    );
    this.saveStatement = db.prepare(
      'INSERT OR IGNORE INTO idempotency_keys (actor, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  static open(file: string): IdempotencyStore {
    const db = openKamSqliteDatabase({ file });
    // Its own connection need not fsync every stored answer: the log's next commit (synchronous=FULL
    // on the same WAL) syncs it along, a process crash loses nothing in WAL mode, and an answer lost
    // to a power cut only means a retry runs again, re-appending the same deterministic event ids,
    // which the store recognises. Syncing here cost an fsync per keyed command on the event loop.
    db.pragma('synchronous = NORMAL');
    return new IdempotencyStore(db);
  }

  /**
   * Runs `execute` once per key: a retry gets the stored first answer and writes nothing more; the
   * same key with another request is refused; a retry while the first is still running is refused.
   * Only successes are stored: a rejected request wrote nothing, so its retry may run again (after a
   * 409 or 412 the caller is expected to fix the request first). Without a key it just runs.
   */
  async run<T>(request: IdempotentRequest | null, execute: () => Promise<T>): Promise<T> {
    if (request === null) return execute();
    const { actor, key, fingerprint } = request;
    const stored = this.find(actor, key);
    if (stored !== null) {
      if (stored.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(key);
      request.markReplayed();
      return JSON.parse(stored.body) as T;
    }
    const slot = `${actor}\u0000${key}`;
    if (this.inFlight.has(slot)) throw new IdempotencyKeyInFlightError(key);
    this.inFlight.add(slot);
    try {
      const answer = await execute();
      this.save(actor, key, { fingerprint, status: request.status, body: JSON.stringify(answer) });
      return answer;
    } finally {
      this.inFlight.delete(slot);
    }
  }

  find(actor: string, key: string): StoredAnswer | null {
    return this.findStatement.get(actor, key) ?? null;
  }

  save(actor: string, key: string, answer: StoredAnswer): void {
    this.saveStatement.run(
      actor,
      key,
      answer.fingerprint,
      answer.status,
      answer.body,
      new Date().toISOString(),
    );
  }

  forgetOlderThan(cutoff: Date): number {
    return this.db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?').run(cutoff.toISOString())
      .changes;
  }

  /** Throws when the file cannot be read (readiness). */
  ping(): void {
    this.db.prepare('SELECT count(*) FROM idempotency_keys WHERE 0').get();
  }

  close(): void {
    this.db.close();
  }
}
