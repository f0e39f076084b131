import { ACCOUNT_STREAM_PREFIX } from '@kam/domain';
import type { EventStore, RecordedEvent } from '@kam/event-store';
import { PortfolioReplica } from '../replica/portfolio-replica.js';
import { toInstant, toProjectedEvent } from '../replica/projection-model.js';

/**
 * What the engine knew when it evaluated a date. With `position`, exactly the events up to it (a
 * recorded run's head). Without, the log's own account of it: the events recorded by the date,
 * stopping before the first evaluation output about that date or later, which is where a run at
 * that date began writing.
 */
export type KnowledgeCut = Readonly<{ date: string; position: bigint | null }>;

/** Replaces or drops an event before it is folded: a counterfactual. Null drops it. */
export type EventEdit = (event: RecordedEvent) => RecordedEvent | null;

export type WalkOptions = Readonly<{
  edit?: EventEdit;
  /** Called with the portfolio as known at the cut, before the event that ends that knowledge. */
  onCut: (cut: KnowledgeCut, portfolio: PortfolioReplica) => void;
  onProgress?: (position: bigint) => void;
  /** Stop once every cut is taken: the rest of the log cannot change what they saw. */
  stopAfterCuts?: boolean;
}>;

const EVALUATION_TYPES: ReadonlySet<string> = new Set(['AccountReclassified', 'LifecycleStageInferred']);

export const isEvaluationOutput = (event: RecordedEvent): boolean =>
  EVALUATION_TYPES.has(event.type) || event.metadata.actor === 'evaluation';

const occurredAt = (event: RecordedEvent): string | null =>
  typeof event.data.occurredAt === 'string' ? toInstant(event.data.occurredAt) : null;

/** True when `event` is beyond what the engine knew at the cut. */
export const endsKnowledge = (cut: KnowledgeCut, event: RecordedEvent): boolean => {
  if (cut.position !== null) return event.position > cut.position;
  if (toInstant(event.recordedAt) > cut.date) return true;
  const at = occurredAt(event);
  return isEvaluationOutput(event) && at !== null && at >= cut.date;
};

/**
 * One streamed pass over the log, folding every account into memory and handing the portfolio to
 * `onCut` at each cut. Cuts may come in any order; each is taken once, at the first event beyond it.
 */
export const walkLog = async (
  store: EventStore,
  cuts: readonly KnowledgeCut[],
  options: WalkOptions,
): Promise<PortfolioReplica> => {
  const portfolio = new PortfolioReplica();
  const pending = [...cuts];
  let seen = 0;
  for await (const recorded of store.readAll({ filter: { streamPrefixes: [ACCOUNT_STREAM_PREFIX] } })) {
    for (let i = pending.length - 1; i >= 0; i -= 1) {
      const cut = pending[i];
      if (cut === undefined || !endsKnowledge(cut, recorded)) continue;
      options.onCut(cut, portfolio);
      pending.splice(i, 1);
    }
    if (pending.length === 0 && options.stopAfterCuts) return portfolio;
    const edited = options.edit === undefined ? recorded : options.edit(recorded);
    const event = edited === null ? null : toProjectedEvent(edited);
    if (event !== null) portfolio.apply(event);
    if ((seen += 1) % 5000 === 0) options.onProgress?.(recorded.position);
  }
  for (const cut of pending) options.onCut(cut, portfolio);
  return portfolio;
};
