import type { EventStore } from '@kam/event-store';
import { verifyChain, type VerifyReport } from './verify-chain.js';

export type VerifyOptions = Readonly<{
  /** One stream only; otherwise the whole log. */
  streamId?: string;
  onChecked?: (checked: number) => void;
}>;

/** Reads the log (or one stream) page by page and checks every link of every stream's chain. */
export const verifyLog = (store: EventStore, options: VerifyOptions = {}): Promise<VerifyReport> => {
  const events = options.streamId === undefined ? store.readAll() : store.readStream(options.streamId);
  return verifyChain(events, options.onChecked);
};
