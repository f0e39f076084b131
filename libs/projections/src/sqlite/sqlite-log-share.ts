import type Database from 'better-sqlite3';
import { projectEvent, type ProjectedEvent } from '../model/projected-event.js';
import type { LogPage } from '../runner/rebuild-lane.js';

/**
 * One thread's share of a SQLite log, for a rebuild split across threads: the events of the streams
 * whose id ends in a character that falls to it. Every projection keys its rows by account (or by
 * event), and an account's events all sit on its own stream, `account-<id>`: so no row is folded by
 * two threads, each thread folds its accounts' events in log order, and the threads together read the
 * log once. Reading the events table itself (not the store's port, which can only filter streams in)
 * is what lets each thread skip the others' events before parsing them.
 */
export type LogShare = Readonly<{ index: number; of: number }>;

/** The share an account's stream falls to, as the query below computes it from the stream id. */
export const shareOfAccount = (accountId: string, of: number): number =>
  (accountId.codePointAt(accountId.length - 1) ?? 0) % of;

/**
 * An event whose account is not its stream's: a log the domain would not write, but one a rebuild
 * must still fold exactly. The split rebuild gives way to one that reads the whole log in one thread.
 */
export class LogShareMismatchError extends Error {
  override readonly name = 'LogShareMismatchError';
  constructor(readonly position: number) {
    super(
      `The event at position ${position} names an account whose stream is not the one it is on: ` +
        'the log cannot be split by stream.',
    );
  }
}

type ShareRow = readonly [
  position: number,
  revision: number,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];

// `unicode()` is the first code point; of a one-character `substr`, the last one. An empty id (none
// in a log the store wrote) falls to share 0, so every event falls to exactly one share.
const SHARE_SQL =
  'SELECT position, revision, type, data, metadata, recorded_at FROM events ' +
  'WHERE position > ? AND position <= ? AND coalesce(unicode(substr(stream_id, -1)), 0) % ? = ? ' +
  'ORDER BY position LIMIT ?';

const accountOf = (event: ProjectedEvent): unknown => (event.data as { accountId?: unknown }).accountId;

/** The share's events up to `head`, a page at a time, parsed and upcast as the projections take them. */
export async function* sqliteSharePages(
  db: Database.Database,
  share: LogShare,
  head: bigint,
  pageSize: number,
): AsyncGenerator<LogPage> {
  const statement = db.prepare<unknown[], ShareRow>(SHARE_SQL).raw();
  let after = -1;
  const last = Number(head);
  for (;;) {
    const rows = statement.all(after, last, share.of, share.index, pageSize);
    const tail = rows.at(-1);
    if (tail === undefined) return;
    const events: ProjectedEvent[] = [];
    let unreadable: LogPage['unreadable'] = null;
    for (const [position, revision, type, data, metadata, recordedAt] of rows) {
      try {
        const event = projectEvent({
          type,
          data: JSON.parse(data) as unknown,
          schemaVersion: (JSON.parse(metadata) as { schemaVersion?: unknown }).schemaVersion,
          position,
          revision,
          recordedAt,
        });
        if (event === null) continue;
        const account = accountOf(event);
        if (typeof account !== 'string' || shareOfAccount(account, share.of) !== share.index)
          throw new LogShareMismatchError(position);
        events.push(event);
      } catch (error) {
        if (error instanceof LogShareMismatchError) throw error;
        unreadable = { position: BigInt(position), type, error };
        break;
      }
    }
    yield { events, unreadable, read: rows.length, position: BigInt(tail[0]) };
    if (unreadable !== null || rows.length < pageSize) return;
    after = tail[0];
  }
}
