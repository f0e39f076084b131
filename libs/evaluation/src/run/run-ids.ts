import { randomUUID } from 'node:crypto';
import { deterministicUuid } from '@kam/application/command-path';

/** A run someone asked for now: a fresh id. */
export const newRunId = (): string => randomUUID();

/**
 * A scheduled run's id comes from its cron slot, so two schedulers (two `kam serve` processes, or
 * a BullMQ scheduler and an in-process one) firing the same slot make one run. The slot is taken to
 * the second: a timer firing a few milliseconds late still names the same slot.
 */
export const scheduledRunId = (slot: Date): string =>
  deterministicUuid(
    'kam-evaluation',
    'scheduled',
    new Date(Math.floor(slot.getTime() / 1000) * 1000).toISOString(),
  );

/** The demo's run at each quarter end: the same portfolio gives the same history. */
export const quarterEndRunId = (asOf: Date, salt = ''): string =>
  deterministicUuid('kam-evaluation', 'quarter-end', salt, asOf.toISOString());

/** One event id per (run, account, command, index): a retried job appends nothing twice. */
export const runEventId = (runId: string, accountId: string, commandType: string, index: number): string =>
  deterministicUuid(runId, accountId, commandType, String(index));
