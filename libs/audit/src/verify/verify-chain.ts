import { eventHash, GENESIS_HASH, recordedHash } from '@kam/application';
import type { RecordedEvent } from '@kam/event-store';

export type ChainBreakReason = 'missing-hash' | 'hash-mismatch' | 'chain-mismatch' | 'revision-gap';

/** Where the chain first fails, in log order. Positions and revisions as decimal strings, like the API's. */
export type ChainBreak = Readonly<{
  streamId: string;
  revision: string;
  position: string;
  reason: ChainBreakReason;
  detail: string;
}>;

/** What `kam audit verify --json` prints. */
export type VerifyReport = Readonly<{ ok: boolean; checked: number; firstBreak: ChainBreak | null }>;

type StreamTip = Readonly<{ revision: bigint; hash: string }>;

const GENESIS_TIP: StreamTip = { revision: -1n, hash: GENESIS_HASH };

const breakAt = (event: RecordedEvent, reason: ChainBreakReason, detail: string): ChainBreak => ({
  streamId: event.streamId,
  revision: event.revision.toString(),
  position: event.position.toString(),
  reason,
  detail,
});

/**
 * One event against the tip of its stream. The order of the checks names the likeliest tampering:
 * a missing row first, then a link that does not point at the event before, then edited content.
 */
export const checkEvent = (event: RecordedEvent, tip: StreamTip): ChainBreak | string => {
  if (event.revision !== tip.revision + 1n) {
    return breakAt(event, 'revision-gap', `follows revision ${tip.revision}: an event is missing`);
  }
  const hash = recordedHash(event);
  if (hash === null) return breakAt(event, 'missing-hash', 'the event carries no hash');
  if (event.metadata.prevHash !== tip.hash) {
    return breakAt(event, 'chain-mismatch', 'prevHash is not the hash of the event before it');
  }
  if (eventHash(tip.hash, event) !== hash) {
    return breakAt(event, 'hash-mismatch', 'the content no longer matches its hash: it was changed');
  }
  return hash;
};

/**
 * Walks events in log order, keeping only each stream's last hash, so the log streams through in
 * constant memory per stream. Stops at the first break. Deleting a stream's last events, or
 * rewriting a stream from some event to its end with fresh hashes, leaves a valid chain: anchor the
 * heads elsewhere (an export, a notary) to catch those.
 */
export const verifyChain = async (
  events: AsyncIterable<RecordedEvent>,
  onChecked?: (checked: number) => void,
): Promise<VerifyReport> => {
  const tips = new Map<string, StreamTip>();
  let checked = 0;
  for await (const event of events) {
    const result = checkEvent(event, tips.get(event.streamId) ?? GENESIS_TIP);
    if (typeof result !== 'string') return { ok: false, checked: checked + 1, firstBreak: result };
    tips.set(event.streamId, { revision: event.revision, hash: result });
    checked += 1;
    if (onChecked !== undefined && checked % 10_000 === 0) onChecked(checked);
  }
  return { ok: true, checked, firstBreak: null };
};
