import { openSqliteEventStore } from '@kam/event-store';
import { DEFAULT_POLICY, type PolicyDocument } from '@kam/policies';
import { runReplay } from '../replay/run-replay.js';

/** `kam bench replay --json`: a what-if replay of 24 monthly dates over an existing log. */
export type ReplayBenchmark = Readonly<{
  events: number;
  dates: number;
  from: string;
  to: string;
  seconds: number;
  eventsPerSecond: number;
  peakRssMb: number;
  differences: number;
  targetSeconds: number;
}>;

const rssMb = (): number => Math.round(process.memoryUsage().rss / 1024 / 1024);

/** The 24 month closes ending with the month before the last event was recorded. */
const spanBefore = (recordedAt: string): { from: string; to: string } => {
  const last = new Date(recordedAt);
  const to = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), 0));
  const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 23, 1));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
};

/**
 * Replays a policy over an existing event store file (a `kam demo` of about a million events), at
 * 24 monthly dates, the way `kam replay --every month` does, and measures it. Reads only.
 */
export const runReplayBenchmark = async (
  options: Readonly<{
    file: string;
    policy?: PolicyDocument;
    onProgress?: (position: bigint, head: bigint) => void;
  }>,
): Promise<ReplayBenchmark> => {
  const store = await openSqliteEventStore({ file: options.file });
  let peakRssMb = rssMb();
  try {
    const head = await store.headPosition();
    let lastRecordedAt: string | undefined;
    for await (const event of store.readAll({ after: head - 1n, maxCount: 1 }))
      lastRecordedAt = event.recordedAt;
    if (lastRecordedAt === undefined) throw new Error(`${options.file} holds no events: record a demo first`);
    const span = spanBefore(lastRecordedAt);
    const report = await runReplay(store, {
      policy: options.policy ?? DEFAULT_POLICY,
      policySource: 'built-in default policy',
      ...span,
      every: 'month',
      onProgress: (position, total) => {
        peakRssMb = Math.max(peakRssMb, rssMb());
        options.onProgress?.(position, total);
      },
    });
    return {
      events: report.events,
      dates: report.dates.length,
      ...span,
      seconds: report.seconds,
      eventsPerSecond: Math.round(report.events / Math.max(report.seconds, 0.001)),
      peakRssMb: Math.max(peakRssMb, rssMb()),
      differences: report.differences,
      targetSeconds: 60,
    };
  } finally {
    await store.close();
  }
};
